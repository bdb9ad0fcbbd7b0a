import type { DetectorName } from '#schemas/rule';
import type { Detector } from './detector.ts';
import { emailDetector } from './email.ts';
import { messengerIdDetector } from './messenger-id.ts';
import { offPlatformPaymentDetector } from './off-platform-payment.ts';
import { phoneDetector } from './phone.ts';
import { shortUrlDetector } from './short-url.ts';
import { urlDetector } from './url.ts';

/** The one list of built-in detectors, by the name rules use. */
export const Detectors: Readonly<Record<DetectorName, Detector>> = {
  phone: phoneDetector,
  email: emailDetector,
  url: urlDetector,
  'short-url': shortUrlDetector,
  'messenger-id': messengerIdDetector,
  'off-platform-payment': offPlatformPaymentDetector,
};
