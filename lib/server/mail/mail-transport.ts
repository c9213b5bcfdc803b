import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';

const transports = new Map<string, Transporter>();

/** One nodemailer transport per mail server; a server that does not answer fails the try quickly. */
export function mailTransport(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl, {});
    // nodemailer's URL form takes no timeouts: set them on the transport's options.
    Object.assign(transport.options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    transports.set(smtpUrl, transport);
  }
  return transport;
}
