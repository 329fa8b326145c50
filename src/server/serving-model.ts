import { type LoadedModel, loadProductionModel } from '../models/load-model.js';

/**
 * The model the server answers with: the artifact the `production` alias names, loaded once at start
 * and swapped whole on reload, so a request never sees half of two models.
 */
export class ServingModel {
  private current: LoadedModel | undefined;

  constructor(private readonly dataDir: string) {}

  /** Loads (or reloads) the production model; returns it, or undefined when none is trained yet. */
  reload(): LoadedModel | undefined {
    this.current = loadProductionModel(this.dataDir);
    return this.current;
  }

  get model(): LoadedModel | undefined {
    return this.current;
  }
}
