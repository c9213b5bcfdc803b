import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listCareTeamOptions } from '@/lib/server/patients/list-care-team-options';
import { createPatientAction } from '../actions';
import { ActionForm } from '../_components/action-form';

export const metadata: Metadata = { title: 'New patient' };

export default async function NewPatientPage() {
  const actor = await requirePageActor();
  const { surgeons, protocols } = await orNotFound(listCareTeamOptions({ actor }));
  return (
    <>
      <h1>New patient</h1>
      <div className="card">
        <ActionForm action={createPatientAction} hidden={{}} className="stack" label="New patient">
          <div className="stack">
            <div className="row">
              <div>
                <label htmlFor="firstName">First name</label>
                <input id="firstName" name="firstName" required autoComplete="off" />
              </div>
              <div>
                <label htmlFor="lastName">Last name</label>
                <input id="lastName" name="lastName" required autoComplete="off" />
              </div>
              <div>
                <label htmlFor="dateOfBirth">Date of birth</label>
                <input id="dateOfBirth" name="dateOfBirth" type="date" required />
              </div>
            </div>
            <div className="row">
              <div>
                <label htmlFor="phone">Phone</label>
                <input id="phone" name="phone" type="tel" autoComplete="off" />
              </div>
              <div>
                <label htmlFor="email">
                  Email <span className="field-hint">(the patient signs in with it)</span>
                </label>
                <input id="email" name="email" type="email" required autoComplete="off" />
              </div>
            </div>
            <div className="row">
              <div>
                <label htmlFor="procedure">Procedure</label>
                <input id="procedure" name="procedure" required placeholder="e.g. Lumbar microdiscectomy L5-S1" />
              </div>
              <div>
                <label htmlFor="surgeryDate">Surgery date</label>
                <input id="surgeryDate" name="surgeryDate" type="date" required />
              </div>
            </div>
            <div className="row">
              <div>
                <label htmlFor="surgeonId">Surgeon</label>
                <select id="surgeonId" name="surgeonId" required>
                  {surgeons.map((surgeon) => (
                    <option key={surgeon.id} value={surgeon.id}>
                      {surgeon.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="protocolId">Protocol</label>
                <select id="protocolId" name="protocolId" required>
                  {protocols.map((protocol) => (
                    <option key={protocol.id} value={protocol.id}>
                      {protocol.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p className="muted">The first draft plan is built from the protocol&apos;s first phase. You review it before approving.</p>
            <div>
              <button type="submit">Create patient</button>
            </div>
          </div>
        </ActionForm>
      </div>
    </>
  );
}
