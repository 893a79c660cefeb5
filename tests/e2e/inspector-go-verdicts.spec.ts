// What the inspector says where Go decides: a certificate Go 1.19 refuses shows Go's own parse error,
// and a negative serial (accepted by Go 1.19, refused from Go 1.23) is shown with its sign and a
// warning, in both languages.
import { nameWith, rawCertificate } from '../unit/pki/raw-certificates.ts';
import { expect, test } from './fixtures.ts';

const pages = {
  en: '/client-certificates/08-troubleshooting/',
  ko: '/ko/client-certificates/08-troubleshooting/',
};

for (const lang of ['en', 'ko'] as const) {
  test(`the inspector shows why Go refuses a certificate, and flags a negative serial (${lang})`, async ({
    page,
  }) => {
    // A PrintableString may not hold '@': Go 1.19 refuses the certificate, the engine reads it.
    const refused = await rawCertificate({
      subject: nameWith(0x13, new TextEncoder().encode('jane@example')),
    });
    const negative = await rawCertificate({ cn: 'negative', serial: Uint8Array.of(0xff, 0x12) });
    await page.goto(pages[lang]);
    const widget = page.locator('kal-cert-inspector');
    await widget
      .locator('textarea')
      .first()
      .fill(refused + negative);
    const [first, second] = [0, 1].map((i) => widget.locator('section[data-kind="certificate"]').nth(i));
    await expect(first!.locator('[data-go-parse-error]')).toContainText(
      'x509: invalid RDNSequence: invalid attribute value: invalid PrintableString',
    );
    await expect(second!.locator('[data-go-parse-error]')).toHaveCount(0);
    await expect(second!).toContainText('-ee (-238)');
    await expect(second!.locator('[data-lint] [data-code="lint/negative-serial"]')).toContainText(
      lang === 'en' ? 'Go 1.23 and later refuse it' : 'Go 1.23 이후는',
    );
  });
}
