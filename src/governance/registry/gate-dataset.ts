import type { AuditDataset } from '../../evaluate/audit/audit-dataset.js';
import { readStoreAuditDataset } from '../../evaluate/audit/store-audit-dataset.js';
import { TRAINING_PURPOSE } from '../../models/training-snapshot.js';
import { ConsentRepository } from '../../privacy/consent/consent-repository.js';
import type { Store } from '../../store/open-store.js';

/**
 * The data the gate evaluates on: the store's audit dataset with only the events of viewers who consent
 * to model training now. The gate fits models on it, and fitting a model on someone's events is
 * training whatever it is for; a viewer who withheld that consent is in no gate's fit. Their rows stay
 * (as viewers without events), so indices and viewer attributes line up.
 */
export async function readGateDataset(store: Store): Promise<AuditDataset> {
  const dataset = await readStoreAuditDataset(store);
  const granted = await new ConsentRepository(store.db).grantedSubjects(TRAINING_PURPOSE);
  const { events } = dataset;
  const consents = events.userIds.map((id) => granted.has(id));
  const kept: number[] = [];
  for (let e = 0; e < events.users.length; e += 1) if (consents[events.users[e] as number]) kept.push(e);
  return {
    ...dataset,
    events: {
      ...events,
      users: Int32Array.from(kept, (e) => events.users[e] as number),
      items: Int32Array.from(kept, (e) => events.items[e] as number),
      times: Float64Array.from(kept, (e) => events.times[e] as number),
    },
  };
}
