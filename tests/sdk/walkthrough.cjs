// Runs walkthrough.json through the AWS SDK for JavaScript v3 against ENDPOINT; prints one
// JSON line per step: [operation, response without $metadata] or [operation, {error}].
// CommonJS, so NODE_PATH finds the SDK that `make sdk-clients` installs under build/.
const { readFileSync } = require("node:fs");
const path = require("node:path");
const sesv2 = require("@aws-sdk/client-sesv2");

const { steps } = JSON.parse(readFileSync(path.join(__dirname, "walkthrough.json"), "utf8"));
const client = new sesv2.SESv2Client({
  endpoint: process.env.ENDPOINT,
  region: "us-east-1",
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1,
});

(async () => {
  for (const [operation, input] of steps) {
    try {
      const { $metadata, ...output } = await client.send(new sesv2[`${operation}Command`](input));
      console.log(JSON.stringify([operation, output]));
    } catch (error) {
      console.log(JSON.stringify([operation, { error: error.name, message: error.message }]));
      process.exitCode = 1;
    }
  }
})();
