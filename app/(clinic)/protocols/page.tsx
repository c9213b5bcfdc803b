import type { Metadata } from 'next';
import Link from 'next/link';
import { can } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listProtocols } from '@/lib/server/protocols/list-protocols';
import { NewProtocolForm } from './_components/new-protocol-form';

export const metadata: Metadata = { title: 'Protocols' };

export default async function ProtocolsPage() {
  const actor = await requirePageActor();
  const protocols = await orNotFound(listProtocols({ actor }));
  return (
    <>
      <h1>Protocols</h1>
      <p className="muted">The clinic&apos;s recovery protocols. Each phase keeps the exercises of the phases before it and adds its own.</p>
      {protocols.length === 0 ? (
        <p>There are no protocols yet.</p>
      ) : (
        <table className="stack-on-phone">
          <caption className="sr-only">Protocols</caption>
          <thead>
            <tr>
              <th scope="col">Protocol</th>
              <th scope="col">Phases</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {protocols.map((protocol) => (
              <tr key={protocol.id}>
                <td data-label="Protocol">
                  <Link href={`/protocols/${protocol.id}`}>{protocol.name}</Link>
                </td>
                <td data-label="Phases">{protocol._count.phases}</td>
                <td data-label="Description">{protocol.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(actor, 'protocol.write') ? (
        <section className="card" aria-labelledby="new-protocol-heading">
          <h2 id="new-protocol-heading">New protocol</h2>
          <NewProtocolForm />
        </section>
      ) : null}
    </>
  );
}
