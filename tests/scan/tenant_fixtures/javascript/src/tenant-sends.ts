// Sends through SES tenants: named, missing, misspelt; the set is always a known one.
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import nodemailer from "nodemailer";

const client = new SESv2Client({});
const MARKETING_TENANT = "marketing";

export async function reset(to: string, content: any) {
  await client.send(new SendEmailCommand({ ConfigurationSetName: "transactional",
    TenantName: "transactional", Destination: { ToAddresses: [to] }, Content: content }));
}

export async function campaign(to: string, content: any) {
  await client.send(new SendEmailCommand({ ConfigurationSetName: "marketing",
    TenantName: MARKETING_TENANT, Destination: { ToAddresses: [to] }, Content: content }));
}

export async function digest(to: string, content: any) {
  await client.send(new SendEmailCommand({ ConfigurationSetName: "bulk-notifications",
    Destination: { ToAddresses: [to] }, Content: content }));
}

export async function receipt(to: string, content: any) {
  const input = { ConfigurationSetName: "transactional", TenantName: "marketting",
    Destination: { ToAddresses: [to] }, Content: content };
  await client.send(new SendEmailCommand(input));
}

export async function forwarded(input: any) {
  await client.send(new SendEmailCommand(input)); // the caller's request: not judged
}

const smtp = nodemailer.createTransport({ host: "email-smtp.eu-west-1.amazonaws.com", port: 587 });

export async function alert(to: string) {
  await smtp.sendMail({ to, subject: "alert", headers: {
    "X-SES-CONFIGURATION-SET": "transactional", "X-SES-TENANT": "transactional" } });
}

export async function weekly(to: string) {
  await smtp.sendMail({ to, subject: "weekly", headers: {
    "X-SES-CONFIGURATION-SET": "bulk-notifications" } });
}
