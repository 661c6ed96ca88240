import { randomInt } from 'node:crypto';

/** Crockford base32 without the letters people misread (I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 8 characters, 40 bits, shown as ABCD-EFGH. */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += ALPHABET.charAt(randomInt(ALPHABET.length));
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
