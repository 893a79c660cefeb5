// The bootstrap-token maker's starting values and the one command it shows as it is.

/** kubeadm's default --ttl (DefaultTokenDuration, 24 h). */
export const DEFAULT_TTL = '24h';
/** The extra group kubeadm gives node-joining tokens. */
export const DEFAULT_GROUP = 'system:bootstrappers:kubeadm:default-node-token';
/** A documentation address (RFC 5737) and kube-apiserver's port, until the reader types theirs. */
export const DEFAULT_ENDPOINT = '192.0.2.10:6443';
/** Where kubeadm keeps the cluster CA on a control-plane node. */
export const CA_FILE = '/etc/kubernetes/pki/ca.crt';
/**
 * The discovery-token CA cert hash with openssl, run on a control-plane node: the SHA-256 of the CA
 * certificate's DER SubjectPublicKeyInfo. `openssl pkey` reads RSA and ECDSA keys alike (the
 * kubeadm docs' `openssl rsa` reads only RSA).
 */
export const CA_HASH_PIPELINE = `openssl x509 -pubkey -in ${CA_FILE} | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex | sed 's/^.* //'\n`;
