# The gehoord image of docker-compose.yml: the pinned, hashed dependencies of
# requirements/base.txt, the chart libraries from npm (package-lock.json), and gehoord.
FROM node:20-slim AS vendor
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir vendor \
 && cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
       node_modules/vega-embed/build/vega-embed.min.js vendor/ \
 && node_modules/.bin/esbuild node_modules/vega-interpreter/build/vega-interpreter.js --bundle \
       --format=iife --global-name=vegaInterpreter --minify --log-level=warning \
       --outfile=vendor/vega-interpreter.min.js

FROM python:3.11-slim
# Pango for WeasyPrint (PDF letters, digests and reports).
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/base.txt
COPY . .
COPY --from=vendor /src/vendor gehoord/static/vendor
RUN pip install --no-cache-dir --no-deps . && useradd --system --home /data gehoord \
 && mkdir /data && chown gehoord /data
USER gehoord
ENV GEHOORD_DATA_DIR=/data PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["gehoord", "serve", "--no-worker", "--bind", "0.0.0.0:8000"]
