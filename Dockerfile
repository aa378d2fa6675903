# syntax=docker/dockerfile:1
# The Upkeep GitHub App (`npm start`) as a small image: Node 24 on Debian slim, production
# dependencies only, run as the unprivileged `node` user. UPKEEP_ROLE picks receive, work or all;
# see docs/deploy.md. Build: docker build -t upkeep-app .

FROM node:24-bookworm-slim AS deps
WORKDIR /srv/upkeep
COPY package.json package-lock.json ./
# No dev dependencies, no optional platform binaries (the App uses neither), no install scripts.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /srv/upkeep
COPY --from=deps /srv/upkeep/node_modules ./node_modules
COPY package.json ./
COPY app ./app
COPY core ./core
COPY github ./github
# Check-ins read their shipped checklists (shipped/files.ts finds templates/ beside the source).
COPY shipped ./shipped
COPY templates ./templates
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "app/server.ts"]
