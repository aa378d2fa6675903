// `npm run build`: writes every bundle into place.
import { buildBundle, listBundles, ROOT } from "./bundles.ts";
import { VENDORED, vendorNative } from "./vendor-native.ts";

for (const bundle of listBundles()) {
  await buildBundle(bundle, ROOT);
  console.log(`built ${bundle.output}`);
}

for (const spec of VENDORED) {
  vendorNative(ROOT, ROOT, spec);
  console.log(
    `vendored ${spec.packages.length} native packages into actions/${spec.action}/dist/node_modules`,
  );
}
