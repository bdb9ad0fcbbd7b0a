import type { SignalName } from '#schemas/submission';
import { InvalidSignalError } from './errors.ts';

const E164_DIGITS = /^\d{8,15}$/;

/**
 * Puts a raw signal in the one form a platform may send it in many ways, so equal signals hash
 * equally: e-mail lowercased, phone as its digits with the country code, the others as given.
 */
export function canonicaliseSignal(signal: SignalName, raw: string): string {
  const value = raw.normalize('NFKC').trim();
  if (value === '') throw new InvalidSignalError(signal, 'expected a non-empty value');
  switch (signal) {
    case 'email':
      return canonicalEmail(value);
    case 'phone':
      return canonicalPhone(value);
    default:
      return value;
  }
}

function canonicalEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidSignalError('email', 'expected an e-mail address such as name@example.com');
  }
  return value.toLowerCase();
}

function canonicalPhone(value: string): string {
  // Without the country code 090-1234-5678 and +81 90-1234-5678 would hash apart and never link.
  const international = value.startsWith('+')
    ? value.slice(1)
    : value.startsWith('00')
      ? value.slice(2)
      : undefined;
  const digits = international?.replace(/\D/g, '');
  if (digits === undefined || !E164_DIGITS.test(digits)) {
    throw new InvalidSignalError(
      'phone',
      'expected an international phone number with its country code, such as +81 90-1234-5678',
    );
  }
  return digits;
}
