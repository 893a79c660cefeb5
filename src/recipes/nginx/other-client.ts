// Commands that make a client certificate from a second, throwaway CA, for the "wrong CA"
// experiment of lesson 5. The certificate copies the subject of client.pem, so the only thing
// that differs is who signed it. The lesson prints these commands; nginx-lab.sh runs the same
// ones when other-client.pem is missing. Bash (process substitution), OpenSSL 1.1.1 or later.

/** The files the commands write into the current folder. */
export const OTHER_CLIENT_FILES = [
  'other-ca.pem',
  'other-ca-key.pem',
  'other-client.pem',
  'other-client-key.pem',
];

/** Returns the commands, one per line or continued with a trailing backslash. */
export function otherClientCommands(): string {
  return [
    'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-ca-key.pem',
    'openssl req -x509 -new -key other-ca-key.pem -days 7 -subj "/CN=Some other CA" \\',
    '  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \\',
    '  -out other-ca.pem',
    'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-client-key.pem',
    'subject=$(openssl x509 -in client.pem -noout -subject -nameopt compat)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${...}
    'openssl req -new -key other-client-key.pem -subj "${subject#subject=}" |',
    '  openssl x509 -req -CA other-ca.pem -CAkey other-ca-key.pem -days 7 \\',
    '    -set_serial "0x$(openssl rand -hex 8)" \\',
    "    -extfile <(printf 'extendedKeyUsage=clientAuth\\n') -out other-client.pem",
    '',
  ].join('\n');
}
