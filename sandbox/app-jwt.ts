// Verifies the JSON Web Tokens a GitHub App signs with its private key (RS256, iss = app id).
import { createPublicKey, createVerify, type KeyObject } from "node:crypto";
import { HttpError } from "./state.ts";

const JWT_DOCS =
  "https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app";

function decodePart(part: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new HttpError(401, "A JSON web token could not be decoded", undefined, JWT_DOCS);
  }
}

export function looksLikeJwt(token: string): boolean {
  return token.split(".").length === 3;
}

/** Throws 401 like GitHub unless `token` is a current JWT signed by the app's key. */
export function verifyAppJwt(
  token: string,
  publicKey: KeyObject,
  appId: number,
  clientId: string,
): void {
  const parts = token.split(".");
  if (parts.length !== 3)
    throw new HttpError(401, "A JSON web token could not be decoded", undefined, JWT_DOCS);
  const [header, payload, signature] = parts as [string, string, string];
  const head = decodePart(header);
  const claims = decodePart(payload);
  if (head.alg !== "RS256") {
    throw new HttpError(
      401,
      "'Expiration time' claim ('exp') is missing or the algorithm is not RS256",
      undefined,
      JWT_DOCS,
    );
  }
  const verifier = createVerify("RSA-SHA256");
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, "base64url"))) {
    throw new HttpError(401, "A JSON web token could not be decoded", undefined, JWT_DOCS);
  }
  if (String(claims.iss) !== String(appId) && claims.iss !== clientId) {
    throw new HttpError(
      401,
      `'Issuer' claim ('iss') must be an Integer or the app's client ID`,
      undefined,
      JWT_DOCS,
    );
  }
  // JWTs are made with the wall clock, so they are checked against it, whatever the sandbox clock says.
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) {
    throw new HttpError(
      401,
      "'Expiration time' claim ('exp') is too far in the future or has expired",
      undefined,
      JWT_DOCS,
    );
  }
  if (claims.exp - (Number(claims.iat) || nowSeconds) > 600 + 60) {
    throw new HttpError(
      401,
      "'Expiration time' claim ('exp') is too far in the future",
      undefined,
      JWT_DOCS,
    );
  }
}

export function appPublicKey(privateKeyPem: string): KeyObject {
  return createPublicKey(privateKeyPem);
}
