export { detectHiddenContent, stripHidden, type HiddenType } from './detect-hidden-content.js';
