/** A record refers to something that does not exist (an item's genre, creator or parent series). */
export class UnknownReferenceError extends Error {
  constructor(
    /** External id of the record that refers. */
    readonly externalId: string,
    /** The record's field holding the reference. */
    readonly field: string,
    readonly reference: string,
    what: string,
  ) {
    super(`item '${externalId}': unknown ${what} '${reference}'`);
    this.name = 'UnknownReferenceError';
  }
}
