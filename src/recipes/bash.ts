// The `bash` template tag of the scripts the site hands out (src/recipes/cluster, nginx, oidc):
// backslashes stay as written (String.raw), and
// `$\{` becomes `${`, since a template literal cannot hold bash's `${` itself.

/** Bash text written as a template literal: raw backslashes, `$\{` for bash's `${`. */
export function bash(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw({ raw: strings.raw.map((s) => s.replaceAll('$\\{', '${')) }, ...values);
}
