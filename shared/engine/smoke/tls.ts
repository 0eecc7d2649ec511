import type { PeerCertificate } from './ports.ts';
import type { CheckResult } from './report.ts';

const DAY_MS = 86_400_000;

/** The certificate the deployment served must stay valid at least `minDays` more days. */
export function tlsCheck(certificate: PeerCertificate | undefined, minDays: number, now: number): CheckResult {
  const result: CheckResult = {
    name: `TLS certificate valid ≥ ${minDays} days`,
    kind: 'tls',
    critical: true,
    status: 'fail',
    attempts: 1,
    detail: '',
  };
  if (!certificate) {
    result.detail = 'no TLS certificate seen: no https check got an answer';
    return result;
  }
  const daysLeft = (certificate.validTo.getTime() - now) / DAY_MS;
  const left = daysLeft < 0 ? `expired ${Math.abs(daysLeft).toFixed(1)} days ago` : `${daysLeft.toFixed(1)} days left`;
  const observed = `${certificate.subject} valid until ${certificate.validTo.toISOString()} (${left})`;
  result.status = daysLeft >= minDays ? 'pass' : 'fail';
  result.detail = result.status === 'pass' ? observed : `${observed} < min ${minDays} days: renew the certificate`;
  return result;
}
