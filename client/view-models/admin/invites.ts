/** The invite form and the open-invite list of the admin console, as data (the page talks to the server). */
import type { MessageKey } from '../../../shared/i18n';
import { RANKS, ROLES, type Member, type Rank, type Role } from '../../../shared/schema/member';
import type { FieldError } from '../../../shared/schema/field-errors';
import { err } from '../../../shared/result';
import type { InviteFailure, InviteRequest, OpenInvite } from '../../admin-invites';
import { NumberReader, enumChoices, namedChoices, optionalId, text, type FormFieldSpec, type FormValues, type Label, type Parsed } from './form-fields';

type Named = { id: string; name: string };

export function inviteFields(members: readonly Named[], units: readonly Named[]): FormFieldSpec[] {
  return [
    { name: 'who', label: 'admin.invite.who', control: 'select', choices: enumChoices(['new', 'existing'], 'admin.invite.who') },
    { name: 'name', label: 'admin.member.name', control: 'text', paths: ['member.name', 'member'], when: { field: 'who', is: ['new'] } },
    {
      name: 'rank',
      label: 'admin.member.rank',
      control: 'select',
      choices: enumChoices(RANKS, 'rank'),
      paths: ['member.rank'],
      when: { field: 'who', is: ['new'] },
    },
    {
      name: 'unitId',
      label: 'admin.member.unit',
      control: 'select',
      choices: namedChoices(units, true),
      paths: ['member.unitId'],
      when: { field: 'who', is: ['new'] },
    },
    { name: 'memberId', label: 'admin.invite.member', control: 'select', choices: namedChoices(members, false), when: { field: 'who', is: ['existing'] } },
    { name: 'role', label: 'admin.invite.role', control: 'select', choices: enumChoices(ROLES, 'role') },
    { name: 'days', label: 'admin.invite.days', control: 'number', paths: ['expiresInHours'] },
  ];
}

export const NEW_INVITE: FormValues = { who: 'new', name: '', rank: 'staff', unitId: '', memberId: '', role: 'member', days: '7' };

const required = (path: string): FieldError => ({ path, key: 'err.required', params: {} });

/** The request the server takes, or the errors at their fields (the server checks it again). */
export function inviteRequest(values: FormValues): Parsed<InviteRequest> {
  const numbers = new NumberReader(values);
  const days = numbers.read('days');
  if (numbers.errors.length === 0 && (!Number.isInteger(days) || days < 1 || days > 30)) numbers.errors.push({ path: 'days', key: 'err.generic', params: {} });
  const role = text(values, 'role') as Role;
  const expiresInHours = days * 24;
  if (text(values, 'who') === 'existing') {
    const memberId = optionalId(values, 'memberId');
    if (memberId === null) return err({ errors: [...numbers.errors, required('memberId')] });
    return numbers.result({ role, memberId, expiresInHours });
  }
  const name = text(values, 'name').trim();
  if (name === '') return err({ errors: [...numbers.errors, { path: 'name', key: 'err.text.required', params: {} }] });
  return numbers.result({ role, member: { name, rank: text(values, 'rank') as Rank, unitId: optionalId(values, 'unitId') }, expiresInHours });
}

/** Who an invite brings in: the new person's name, or the listed member's. */
export function inviteeName(invite: Pick<OpenInvite, 'memberId' | 'profile'>, members: readonly Pick<Member, 'id' | 'name'>[]): Label {
  if (invite.profile) return { key: 'admin.invite.newPerson', params: { name: invite.profile.name } };
  const member = members.find((m) => m.id === invite.memberId);
  return member ? { text: member.name } : { key: 'admin.invite.unknownMember', params: { id: invite.memberId } };
}

/** Each way the server (or its absence) can refuse, in words a 项目办 can act on. */
export const INVITE_FAILURE: Record<InviteFailure, MessageKey> = {
  offline: 'admin.invite.offline',
  forbidden: 'admin.invite.forbidden',
  expiredToken: 'admin.invite.expiredToken',
  notOpen: 'admin.invite.notOpen',
  badInput: 'admin.invite.server',
  server: 'admin.invite.server',
};
