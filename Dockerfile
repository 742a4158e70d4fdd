# Tidewater image: build the TypeScript, keep only runtime dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
COPY snapshot ./snapshot
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# PostgreSQL (the embedded demo database) refuses to run as root.
USER node
EXPOSE 8083
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["demo", "--rest-host", "0.0.0.0"]
