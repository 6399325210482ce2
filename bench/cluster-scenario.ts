/**
 * bench/cluster.ts as an npm run bench scenario: its headline as summary rows. Its comparison is
 * Parley with Parley (three processes on Redis against one), so the rows have no bare figure and
 * put both shapes in the Parley column.
 */
import { clusterSettingsFromEnv, runClusterBench } from './cluster.js';
import type { BenchScenario } from './scenario.js';

export const runClusterScenario: BenchScenario = async (ctx) => {
  ctx.progress('cluster: one Parley process vs three on Redis, same readers and comment rate');
  const result = await runClusterBench(clusterSettingsFromEnv(), ctx.resultsDir);
  if (!result)
    return {
      name: 'cluster',
      rows: [
        {
          metric: 'cluster: not run (redis-server is not on PATH)',
          bare: null,
          parley: '–',
          ratio: null,
          goal: null,
          pass: null,
        },
      ],
      files: [],
    };
  const { settings: s, summary, ratio } = result;
  const shape = `${s.readers} readers x ${s.rate}/s, ${s.processes} processes + Redis vs one`;
  return {
    name: 'cluster',
    rows: [
      {
        metric: `cluster ${shape}: Parley CPU per delivery (median of ${s.rounds} rounds)`,
        bare: null,
        parley: `${summary.cluster.cpuPerDeliveryUs} µs vs ${summary.single.cpuPerDeliveryUs} µs`,
        ratio: ratio.median,
        goal: `<= ${ratio.limit}x`,
        pass: ratio.pass,
      },
      {
        metric: `cluster ${shape}: deliveries lost`,
        bare: null,
        parley: `${summary.cluster.lost} of ${summary.cluster.expected} (one process: ${summary.single.lost})`,
        ratio: null,
        goal: 'none',
        pass: result.noLoss,
      },
    ],
    files: ['bench/results/cluster.md', 'bench/results/cluster.json'],
  };
};
