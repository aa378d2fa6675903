// `npm run build`: writes every bundle into place.
import { buildBundle, listBundles, ROOT } from "./bundles.ts";

for (const bundle of listBundles()) {
  await buildBundle(bundle, ROOT);
  console.log(`built ${bundle.output}`);
}
