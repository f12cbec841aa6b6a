/** The message of the error `fn` throws, which must be an `errorClass`; fails the test when nothing is thrown. */
export function refusal(fn: () => unknown, errorClass: abstract new (...args: never[]) => Error): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(errorClass);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}
