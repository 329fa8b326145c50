export { AEAD_KEY_BYTES, open, seal } from './aead.js';
export { DATA_KEY_BYTES, generateDataKey, unwrapDataKey, wrapDataKey } from './data-key.js';
export {
  decryptField,
  ENCRYPTED_FIELD_PREFIX,
  encryptField,
  isEncrypted,
  type PersonalField,
} from './field-cipher.js';
export {
  DEFAULT_MASTER_KEY_VARIABLE,
  loadMasterKeys,
  MASTER_KEY_BYTES,
  type MasterKey,
  type MasterKeySet,
  type MasterKeySource,
  masterKeyOf,
} from './master-key.js';
export {
  type FieldValue,
  type KeyringCall,
  type MasterKeyUsage,
  type RewrapOptions,
  type RewrapResult,
  SubjectKeyring,
  type SubjectKeyringOptions,
} from './subject-keyring.js';
export { SubjectKeyShreddedError } from './subject-key-shredded-error.js';
