/**
 * The subject's data key has been deleted (erasure), so what it protected can no longer be read.
 * Callers decide what that means for them: omit the field, show it as erased, or fail.
 */
export class SubjectKeyShreddedError extends Error {
  constructor(readonly subjectId: string) {
    super(`the data key of subject ${subjectId} has been shredded`);
    this.name = 'SubjectKeyShreddedError';
  }
}
