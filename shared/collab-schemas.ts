/**
 * Input of the collaborative-document and debate-roster routes (zod; strict objects, a size limit
 * on every string and list), for server validation and client forms alike.
 */
import { z } from 'zod';
import { cleanLine, LIMITS } from './schemas.js';

/** Trims, NFC-normalises, refuses control characters, line breaks and lone surrogates. */
const text = cleanLine;

/** Record ids (UUIDs, or the like): plain enough to sit in a document name unescaped. */
export const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const DEBATERS_MAX = 20;
export const VERSION_NAME_MAX = 100;

export const docNameField = z.string().min(1).max(200);
export const docQuery = z.strictObject({ doc: docNameField });
export const idParams = z.strictObject({ id: recordId });
export const takeVersionBody = z.strictObject({ doc: docNameField, name: text(1, VERSION_NAME_MAX) });

const debaterIds = z.array(recordId).max(DEBATERS_MAX);
const positionName = text(1, LIMITS.positionMax);

export const debateCreateBody = z.strictObject({
  articleId: recordId,
  hostId: recordId,
  motion: text(1, LIMITS.motionMax),
  positions: z
    .array(z.strictObject({ name: positionName, debaterIds }))
    .min(1)
    .max(LIMITS.positionsMax),
});
export type DebateCreateInput = z.output<typeof debateCreateBody>;
/** What a client sends to POST /api/debates. */
export type DebateCreateBody = z.input<typeof debateCreateBody>;

export const rosterPatchBody = z
  .strictObject({
    hostId: recordId.optional(),
    /** The new list of positions: with `id` an existing position (renamed, new debaters), without a new one. */
    positions: z
      .array(z.strictObject({ id: recordId.optional(), name: positionName, debaterIds }))
      .min(1)
      .max(LIMITS.positionsMax)
      .optional(),
  })
  .refine((v) => v.hostId !== undefined || v.positions !== undefined, 'give hostId or positions');
export type RosterPatchInput = z.output<typeof rosterPatchBody>;
