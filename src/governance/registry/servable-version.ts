import { isRetired, type ModelManifest, readManifest } from '../../models/model-artifact.js';
import { notFound, RegistryError } from './registry-error.js';

/**
 * The manifest of a version that could serve: one trained on the store (its items are catalog items)
 * whose weights an erasure has not deleted. Anything else is refused, naming `field`.
 */
export function servableVersion(dataDir: string, id: string, field: string): ModelManifest {
  const manifest = readManifest(dataDir, id);
  if (!manifest) throw notFound('model', field);
  if (manifest.data.itemIdSpace !== 'candor') {
    throw new RegistryError(
      'conflict',
      'not-servable',
      'this model was trained on a dataset folder, not on the store, so its items are not catalog items',
      field,
    );
  }
  if (isRetired(dataDir, id)) {
    throw new RegistryError(
      'conflict',
      'retired',
      'this version was retired: an erasure deleted its weights because it held an erased viewer’s data',
      field,
    );
  }
  return manifest;
}
