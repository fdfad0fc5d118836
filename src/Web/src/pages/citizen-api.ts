// The shapes the citizen and search pages read from the API (docs/api.md), and the calls they make.
import { get, post, query } from "../lib/api";

export interface Person {
  id: string; kind: string; area: string | null; employment: string | null; ageBand: string | null; sector: string | null;
  ses: number | null; languages: string[]; skills: string[]; goals: string[]; capacity: number | null; hub: string | null;
  specialisms: string[]; attributes: Record<string, string>;
}

export interface Measures {
  id: string; kind: string; area: string | null; degree: number; strength: number; bonding: number; bridging: number; linking: number;
  bridgingScore: number | null; clustering: number; constraint: number | null; effectiveSize: number | null; efficiency: number | null;
  hierarchy: number | null; eiWork: number | null; economicConnectedness: number | null; workConnectedness: number | null; inWorkContacts: number;
}

export interface AreaMeasures {
  area: string; people: number | null; suppressed: boolean;
  economicConnectedness: number | null; economicConnectednessCiLow: number | null; economicConnectednessCiHigh: number | null;
  workConnectedness: number | null; workConnectednessCiLow: number | null; workConnectednessCiHigh: number | null;
  clustering: number | null; bondingShare: number | null; bridgingShare: number | null; linkingShare: number | null; meanConstraint: number | null;
}

export interface Contact { id: string | null; kind: string; class: string; kinds: string[]; strength: number; bridgingScore: number }
export interface Capital { measures: Measures; contacts: Contact[]; places: { id: string | null; kind: string }[]; area: AreaMeasures | null }

export interface NetworkNode { key: string; id: string | null; kind: string; area: string | null; employment: string | null; hops: number }
export interface NetworkTie { source: string; target: string; kinds: string[]; class: string | null; strength: number }
export interface Network { center: string; hops: number; maxNodes: number; reached: number; truncated: boolean; nodes: NetworkNode[]; ties: NetworkTie[] }

export interface Match {
  citizen: string; mentor: string; rank: number; score: number; goalFit: number; bridging: number; proximity: number; locality: number;
  capacity: number; mutualContacts: number; adamicAdar: number; reasons: string[];
}
export interface Matches { citizen: string; eligible: number; ineligible: Record<string, number>; matches: Match[] }
export interface Explanation { citizen: string; mentor: string; eligible: boolean; rule: string; why: string; eligibleMentors: number; match: Match | null }

export interface Proposal {
  id: string; citizen: string; mentor: string; proposedBy: string | null; status: string; proposed: string; expires: string;
  decided: string | null; reason: string | null;
}
export interface ProposalWrite { proposal: Proposal; tie: { source: string; target: string; kind: string; since: string | null } | null }

export interface GroupSuggestion { group: string; rank: number; score: number; exposure: number; contacts: number; locality: number; freePlaces: number; reasons: string[] }
export interface Introduction { employer: string; rank: number; sector: string | null; vacancies: number; hops: number; strength: number; path: string[]; reasons: string[] }
export interface Suggestions<T> { person: string; items: T[] }

const id = (value: string) => encodeURIComponent(value);

export const citizenApi = {
  person: (citizen: string) => get<Person>(`/people/${id(citizen)}`),
  capital: (citizen: string) => get<Capital>(`/people/${id(citizen)}/capital`),
  // 100 nodes keep the picture readable; the API's default is 150.
  network: (citizen: string, hops = 2, max = 100) => get<Network>(`/people/${id(citizen)}/network${query({ hops, max })}`),
  matches: (citizen: string, anyArea: boolean) => get<Matches>(`/citizens/${id(citizen)}/mentor-matches${query({ top: 10, anyArea: anyArea || undefined })}`),
  whyNot: (citizen: string, mentor: string, anyArea: boolean) =>
    get<Explanation>(`/citizens/${id(citizen)}/mentor-matches/${id(mentor)}${query({ anyArea: anyArea || undefined })}`),
  proposals: (citizen: string) => get<{ items: Proposal[] }>(`/proposals${query({ citizen, pageSize: 100 })}`),
  propose: (citizen: string, mentor: string, expiresInDays: number) => post<Proposal>(`/citizens/${id(citizen)}/proposals`, { mentor, expiresInDays }),
  accept: (proposal: string) => post<ProposalWrite>(`/proposals/${id(proposal)}/accept`),
  decline: (proposal: string, reason: string) => post<ProposalWrite>(`/proposals/${id(proposal)}/decline`, { reason }),
  groups: (citizen: string) => get<Suggestions<GroupSuggestion>>(`/citizens/${id(citizen)}/peer-groups${query({ top: 5 })}`),
  introductions: (citizen: string) => get<Suggestions<Introduction>>(`/citizens/${id(citizen)}/introductions${query({ maxHops: 2 })}`),
};
