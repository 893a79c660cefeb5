// CEL for the AuthenticationConfiguration's expressions, evaluated with @bufbuild/cel (a
// conformance-tested CEL implementation) in kube-apiserver's shape (k8s.io/apiserver
// pkg/authentication/cel/compile.go): claim validation rules and claim mappings see `claims`
// (the token's payload as a map), user validation rules see `user` (username, uid, groups, extra).
// Loaded on first use (oidc-authenticate.ts imports it only for a configuration with expressions).
// The payload is converted as kube-apiserver converts it (JSON to unstructured): whole numbers are
// CEL ints, others doubles, objects maps. CEL_DIFFERENCES says where results could still differ.
import { celEnv, isCelError, isCelList, isCelMap, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { UserInfo } from './types.ts';

/** Where @bufbuild/cel could differ from kube-apiserver's CEL environment (shown next to every CEL result). */
export const CEL_DIFFERENCES: readonly { id: string; text: { en: string; ko: string } }[] = [
  {
    id: 'optional-syntax',
    text: {
      en: "Optional field syntax (claims.?email_verified.orValue(true)) is part of kube-apiserver's environment but not of @bufbuild/cel 0.6: such an expression is reported as a syntax error here while kube-apiserver accepts it.",
      ko: 'kube-apiserver의 환경에는 선택적 필드 문법(claims.?email_verified.orValue(true))이 있지만 @bufbuild/cel 0.6에는 없습니다. 이런 표현식은 여기서 문법 오류로 나오지만 kube-apiserver는 받아들입니다.',
    },
  },
  {
    id: 'libraries',
    text: {
      en: "kube-apiserver adds Kubernetes' CEL libraries (lists, regex, URLs, quantity, IP and CIDR, format, semver) and cel-go's strings extension at its own version; here only CEL's standard functions and @bufbuild/cel's strings extension exist, so other functions are reported as unknown.",
      ko: 'kube-apiserver는 쿠버네티스의 CEL 라이브러리(lists, regex, URLs, quantity, IP와 CIDR, format, semver)와 cel-go의 strings 확장을 자기 버전으로 더합니다. 여기에는 CEL 표준 함수와 @bufbuild/cel의 strings 확장만 있어서, 그 밖의 함수는 알 수 없는 함수로 나옵니다.',
    },
  },
  {
    id: 'type-check',
    text: {
      en: 'kube-apiserver type-checks every expression when it starts (a rule that is not a bool, a username that is not a string) and refuses to start; here the same mistakes show only when a token is evaluated.',
      ko: 'kube-apiserver는 시작할 때 모든 표현식의 타입을 검사하고(bool이 아닌 규칙, 문자열이 아닌 username), 틀리면 시작하지 않습니다. 여기서는 같은 실수가 토큰을 평가할 때에만 드러납니다.',
    },
  },
  {
    id: 'error-text',
    text: {
      en: 'Error texts come from @bufbuild/cel (e.g. "field not found: hd"), not from cel-go ("no such key: hd"): the verdict is the same, the words in kube-apiserver\'s log differ.',
      ko: '오류 문구는 cel-go("no such key: hd")가 아니라 @bufbuild/cel("field not found: hd")의 것입니다. 판정은 같지만 kube-apiserver 로그의 문구는 다릅니다.',
    },
  },
  {
    id: 'cost',
    text: {
      en: "kube-apiserver limits each expression's cost and length; no such limit is applied here.",
      ko: 'kube-apiserver는 표현식마다 비용과 길이를 제한하지만 여기서는 그런 제한을 두지 않습니다.',
    },
  },
];

/** A JSON value as kube-apiserver hands it to CEL: whole numbers → int, objects → map. */
export function celInput(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(celInput);
  if (v && typeof v === 'object') {
    return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, celInput(x)]));
  }
  return v;
}

/** A CEL value back as plain JSON-like data. */
export function celOutput(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (isCelList(v)) return [...(v as Iterable<unknown>)].map(celOutput);
  if (isCelMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v as unknown as Iterable<[unknown, unknown]>) out[String(k)] = celOutput(x);
    return out;
  }
  return v;
}

/** The result of one expression: a value or CEL's error text. */
export type CelOutcome = { value: unknown } | { error: string };

function evaluate(expression: string, bindings: Record<string, unknown>): CelOutcome {
  try {
    const env = celEnv({ funcs: strings });
    const run = plan(env, parse(expression));
    const out = run(bindings as never);
    if (isCelError(out)) return { error: out.message };
    return { value: celOutput(out) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** CEL's syntax error for an expression, or undefined when it parses (a widget shows it at the field). Never throws. */
export function celSyntaxError(expression: string): string | undefined {
  try {
    parse(expression);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Evaluates a claim mapping or claim validation expression against the token's claims. Never throws. */
export function evaluateClaimsExpression(expression: string, claims: Record<string, unknown>): CelOutcome {
  return evaluate(expression, { claims: celInput(claims) });
}

/** Evaluates a user validation expression against the user kube-apiserver derived. Never throws. */
export function evaluateUserExpression(expression: string, user: UserInfo): CelOutcome {
  return evaluate(expression, {
    user: celInput({ username: user.username, uid: user.uid, groups: user.groups, extra: user.extra }),
  });
}

/** A groups or extra result as kube-apiserver takes it: a string, a list of strings; "", [] and null mean none. */
export function stringList(v: unknown): { value: string[] } | { error: string } {
  if (v === null || v === '') return { value: [] };
  if (typeof v === 'string') return { value: [v] };
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { value: v as string[] };
  return { error: 'expression must return a string or a list of strings' };
}

/** A validation rule's outcome: undefined when it holds, else the reason kube-apiserver logs. */
export function ruleVerdict(
  expression: string,
  message: string | undefined,
  out: CelOutcome,
): string | undefined {
  if ('error' in out) return `expression '${expression}' resulted in error: ${out.error}`;
  if (typeof out.value !== 'boolean') return `expression '${expression}' must return a boolean`;
  if (out.value) return undefined;
  return message
    ? `validation expression '${expression}' failed: ${message}`
    : `validation expression '${expression}' failed`;
}
