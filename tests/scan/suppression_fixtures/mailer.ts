// Inline suppressions in TypeScript: `//` and `/* */` comments.
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";

const client = new SESClient({});

export async function replay(raw: Uint8Array) {
  // sesguard: ignore[SES016] replays a recorded v1 request
  await client.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
  /* sesguard: ignore[SES016] the same, in a block comment */
  await client.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
  await client.send(new SendRawEmailCommand({ RawMessage: { Data: raw } })); // sesguard: ignore[ses016]
}
