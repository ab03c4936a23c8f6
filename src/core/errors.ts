/**
 * A problem with what a user gave us. The message names the file, the place in it and what was
 * expected, so it can be shown as is (DESIGN §8: bad input gets a clear message).
 */
export class InputError extends Error {
  readonly file: string;
  readonly place: string | null;

  constructor(file: string, place: string | null, problem: string) {
    super(place ? `${file}: ${place}: ${problem}` : `${file}: ${problem}`);
    this.name = 'InputError';
    this.file = file;
    this.place = place;
  }
}
