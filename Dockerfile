# Parley as one container. The build stage compiles better-sqlite3 (so it has the toolchain) and
# builds the server (esbuild, dist/server and dist/shared) and the client (vite, dist/client); the
# final stage holds only the build output, the production packages and package.json (its
# "type": "module" makes dist/**/*.js ES modules), and runs the compiled server: no sources, no tsx.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "dist/server/index.js"]
