import type { LoadedModel } from '../models/load-model.js';
import { loadProductionModel } from '../models/load-model.js';
import { readAliases } from '../models/model-artifact.js';
import { buildServingCatalog, type ServingCatalog } from '../pipeline/serving-catalog.js';
import type { Store } from '../store/open-store.js';
import { repositoriesFor } from '../store/repositories/index.js';

/** A model and the catalog index built for it: swapped together, so a request never mixes two. */
export interface ServingState {
  model: LoadedModel | undefined;
  catalog: ServingCatalog;
}

/**
 * The model the server answers with: the artifact the `production` alias names, loaded once at start
 * and swapped whole on reload, so a request never sees half of two models. With no trained model the
 * pipeline serves the popularity ordering over the catalog.
 */
export class ServingModel {
  private current: LoadedModel | undefined;
  /** Built for `current` on first use; reload() drops it. */
  private state: Promise<ServingState> | undefined;

  constructor(private readonly dataDir: string) {}

  /** Loads (or reloads) the production model; returns it, or undefined when none is trained yet. */
  reload(): LoadedModel | undefined {
    this.current = loadProductionModel(this.dataDir);
    this.state = undefined;
    return this.current;
  }

  aliases(): Record<string, string> {
    return readAliases(this.dataDir);
  }

  get model(): LoadedModel | undefined {
    return this.current;
  }

  /** The model with its catalog index, built on first use after each (re)load. */
  serving(store: Store): Promise<ServingState> {
    if (!this.state) {
      const model = this.current;
      const state: Promise<ServingState> = buildServingCatalog(
        repositoriesFor(store.db, store.dialect),
        model,
      ).then(
        (catalog) => ({ model, catalog }),
        (error: unknown) => {
          // A failed build is retried by the next request, unless a reload has replaced it already.
          if (this.state === state) this.state = undefined;
          throw error;
        },
      );
      this.state = state;
    }
    return this.state;
  }
}
