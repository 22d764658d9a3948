// panva's oidc-provider with one client for MotoVault on 127.0.0.1:8021: an issuer without a
// trailing slash, endpoints that are not Auth0's (/auth, /token, /me, /jwks, /session/end), a
// secret with ':', '+', '%' and a space, and the client authentication chosen by AUTH_METHOD.
import Provider from 'oidc-provider';

const provider = new Provider(process.env.ISSUER, {
  clients: [{
    client_id: 'motovault',
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [`${process.env.APP}/oidc/callback/`],
    post_logout_redirect_uris: [`${process.env.APP}/`],
    token_endpoint_auth_method: process.env.AUTH_METHOD,
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name'] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@example.com`, email_verified: true, name: id, given_name: id }),
  }),
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
});
const { port } = new URL(process.env.ISSUER);
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider at ${process.env.ISSUER}`));
