// The API objects token authenticators look up (ServiceAccounts, Pods, Secrets, Nodes), as a v1
// List — the same JSON the stand-in reads with -objects-file, and what `kubectl get … -o json` prints.
import { fromBase64 } from '../pki/bytes.ts';

/** An object as far as authentication looks at it. */
export interface ClusterObject {
  apiVersion?: string;
  kind: 'ServiceAccount' | 'Pod' | 'Secret' | 'Node';
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    /** RFC 3339; set while the object is being deleted. */
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  /** Secrets: the type. */
  type?: string;
  /** Secrets: values base64-encoded, as stored. */
  data?: Record<string, string>;
  /** Secrets: plain values (merged into data by the API server; data wins here). */
  stringData?: Record<string, string>;
  /** ServiceAccounts: the token Secrets it references (auto-generated legacy tokens). */
  secrets?: { name: string }[];
}

/** Finds an object by kind, namespace and name. */
export function findObject(
  objects: readonly ClusterObject[],
  kind: ClusterObject['kind'],
  namespace: string,
  name: string,
): ClusterObject | undefined {
  return objects.find(
    (o) =>
      o?.kind === kind &&
      o.metadata?.name === name &&
      (kind === 'Node' || (o.metadata.namespace ?? '') === namespace),
  );
}

const decoder = new TextDecoder();

/** A Secret's value for `key` (GetData): data decoded, else stringData, else ''. */
export function secretValue(s: ClusterObject, key: string): string {
  const d = s.data?.[key];
  if (d !== undefined) {
    try {
      return decoder.decode(fromBase64(d));
    } catch {
      return '';
    }
  }
  return s.stringData?.[key] ?? '';
}

/** The objects as a v1 List in JSON (the stand-in's -objects-file). */
export function clusterObjectsJson(objects: readonly ClusterObject[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects.map((o) => ({ apiVersion: 'v1', ...o })) }, null, 2)}\n`;
}
