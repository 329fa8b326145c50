export {
  BLOCKLIST_SURFACES,
  BlocklistError,
  MAX_REGEX_PATTERN_LENGTH,
  blocklistSchema,
  blocklistTermSchema,
  type BlocklistMatcher,
  type BlocklistSurface,
  type BlocklistTerm,
} from './blocklist.js';
export { REGEX_WINDOW, REGEX_WINDOW_OVERLAP, compileBlocklist } from './compile-blocklist.js';
export { unsafeRegexReason } from './regex-safety.js';
