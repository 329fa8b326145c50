import { caSinRecognizer } from './ca-sin.js';
import { creditCardRecognizer } from './credit-card.js';
import { emailRecognizer } from './email.js';
import { esNifRecognizer } from './es-nif.js';
import { frNirRecognizer } from './fr-nir.js';
import { ibanRecognizer } from './iban.js';
import { inAadhaarRecognizer } from './in-aadhaar.js';
import { ipAddressRecognizer } from './ip-address.js';
import { macAddressRecognizer } from './mac-address.js';
import { nlBsnRecognizer } from './nl-bsn.js';
import { personNameRecognizer } from './person-name.js';
import { phoneRecognizer } from './phone.js';
import { type PiiRecognizer } from './recognizer.js';
import { streetAddressRecognizer } from './street-address.js';
import { ukNhsRecognizer } from './uk-nhs.js';
import { urlRecognizer } from './url.js';
import { usSsnRecognizer } from './us-ssn.js';

/** Every built-in recognizer, one per PII type. */
export const PII_RECOGNIZERS: readonly PiiRecognizer[] = [
  emailRecognizer,
  phoneRecognizer,
  creditCardRecognizer,
  ibanRecognizer,
  ipAddressRecognizer,
  macAddressRecognizer,
  usSsnRecognizer,
  ukNhsRecognizer,
  caSinRecognizer,
  nlBsnRecognizer,
  esNifRecognizer,
  inAadhaarRecognizer,
  frNirRecognizer,
  urlRecognizer,
  streetAddressRecognizer,
  personNameRecognizer,
];
