/**
 * The naive baseline: the data as plain JSON arrays of row objects (bench/naive/data.ts), and every
 * query answered by filtering and sorting those arrays — no index is built at load; anything a
 * query needs (maps, normalised titles, title order) is computed per query. Same rules, same JSON.
 */
import { DEFAULT_HIGH_LEVEL_POLICY } from '../../src/engine/soft-skills.js';
import { compareTitles, terms } from '../../src/engine/text.js';
import {
  LIST_SOURCES,
  SEARCH_SCORES,
  TRAINING_BLS_PARTS,
  brightCategories,
  buildRoute,
  codeQueryDigits,
  detailsMetaData,
  envelope,
  importanceScore,
  levelScore,
  occupationHead,
  sevenPointScore,
  tags,
  titleKey,
  windowOf,
} from '../lib/format.js';
import {
  answerByKind,
  type Contender,
  type DetailsQuery,
  type KindAnswers,
  type ListQuery,
  type Query,
  type RelatedActivitiesQuery,
  type SearchQuery,
  type SoftSkillsQuery,
} from '../types.js';
import type { NaiveData } from './data.js';

interface Occ {
  code: string;
  title: string;
  description: string;
  jobZone: number;
  brightOutlook: number;
}
interface JobZone {
  zone: number;
  name: string;
  experience: string;
  education: string;
  jobTraining: string;
}
interface Element {
  id: string;
  name: string;
  description: string;
}
interface Rating {
  code: string;
  elementId: string;
  scale: string;
  value: number;
  category?: number;
}
interface Dwa {
  id: string;
  title: string;
  iwaId: string;
}
interface Task {
  code: string;
  taskId: number;
  text: string;
  type: number;
}
interface TaskDwa {
  taskId: number;
  dwaId: string;
}
interface OccDwa {
  code: string;
  dwaId: string;
}
interface AltTitle {
  code: string;
  title: string;
  shortTitle: string;
}
interface RepTitle {
  code: string;
  title: string;
  shown: number;
}
interface Related {
  code: string;
  relatedCode: string;
  rank: number;
}
interface EduCategory {
  elementId: string;
  scale: string;
  category: number;
  description: string;
}
interface TaskRating {
  taskId: number;
  value: number;
}

export class NaiveContender implements Contender, KindAnswers {
  readonly name = 'naive' as const;
  private readonly occupations: Occ[];
  private readonly t: NaiveData['tables'];
  private requestCounter = 1;

  constructor(private readonly data: NaiveData) {
    this.t = data.tables;
    this.occupations = this.rows<Occ>('occupations');
  }

  private rows<T>(name: keyof NaiveData['tables']): T[] {
    return (this.t[name] ?? []) as unknown as T[];
  }

  answer(q: Query): unknown {
    return answerByKind(this, q);
  }

  private jobZone(zone: number) {
    const z = this.rows<JobZone>('jobZones').find((j) => j.zone === zone);
    return zone !== 0 && z ? { code: zone, title: z.name } : null;
  }

  private byTitle = (a: Occ, b: Occ) => compareTitles(a.title, b.title) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  private byCode = (a: Occ, b: Occ) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  private zoneKey = (o: Occ) => (o.jobZone === 0 ? 99 : o.jobZone);

  // --- soft skills ------------------------------------------------------------------------------

  softSkills(q: SoftSkillsQuery) {
    const defs = DEFAULT_HIGH_LEVEL_POLICY.skills;
    const elements = this.rows<Element>('elements');
    const info = defs.map((d) => elements.find((e) => e.id === d.code)!);
    const selected = new Set(q.skills);
    // occupation code → skill code → {im, lv}
    const ratings = new Map<string, Map<string, { im?: number; lv?: number }>>();
    for (const r of this.rows<Rating>('skills')) {
      if (!defs.some((d) => d.code === r.elementId)) continue;
      let m = ratings.get(r.code);
      if (!m) ratings.set(r.code, (m = new Map()));
      const e = m.get(r.elementId) ?? {};
      if (r.scale === 'IM') e.im = r.value;
      else if (r.scale === 'LV') e.lv = r.value;
      m.set(r.elementId, e);
    }
    type Hit = { occ: Occ; matched: number; high: number; skills: { code: string; title: string; level: number; importance: number; selected: boolean }[] };
    const hits: Hit[] = [];
    for (const occ of this.occupations) {
      const m = ratings.get(occ.code);
      if (!m) continue;
      const rated = defs.map((d, k) => ({ d, k, r: m.get(d.code) })).filter((x) => x.r?.im !== undefined && x.r.lv !== undefined);
      if (rated.length === 0) continue;
      const max = Math.max(...rated.map((x) => x.r!.lv!));
      const high = rated.filter((x) => x.r!.lv! * 8 >= max * 8 - 100);
      const matched = high.filter((x) => selected.has(x.d.code)).length;
      if (matched === 0) continue;
      hits.push({
        occ,
        matched,
        high: high.length,
        skills: high.map((x) => ({ code: x.d.code, title: info[x.k]!.name, level: levelScore(x.r!.lv!), importance: importanceScore(x.r!.im!), selected: selected.has(x.d.code) })),
      });
    }
    const coverage = (a: Hit, b: Hit) => b.matched / b.high - a.matched / a.high;
    const sort = q.sort ?? 'skills_covered';
    const cmp = {
      skills_covered: (a: Hit, b: Hit) => coverage(a, b) || b.matched - a.matched || this.byCode(a.occ, b.occ),
      my_matches: (a: Hit, b: Hit) => b.matched - a.matched || coverage(a, b) || this.byCode(a.occ, b.occ),
      title: (a: Hit, b: Hit) => this.byTitle(a.occ, b.occ),
      code: (a: Hit, b: Hit) => this.byCode(a.occ, b.occ),
      zone: (a: Hit, b: Hit) => this.zoneKey(a.occ) - this.zoneKey(b.occ) || coverage(a, b) || this.byCode(a.occ, b.occ),
    }[sort];
    hits.sort(cmp);
    const w = windowOf(q);
    const env = envelope(hits.length, w, (start, end) => buildRoute('/online/soft_skills/results', { skills: q.skills.join(','), sort: q.sort, start, end }));
    const occupation = hits.slice(w.start - 1, env.end).map((h) => ({
      ...occupationHead(h.occ.code, h.occ.title, h.occ.brightOutlook, this.jobZone(h.occ.jobZone)),
      skills_matched: h.skills.filter((s) => s.selected).map(({ selected: _s, ...s }) => s),
      skills_other: h.skills.filter((s) => !s.selected).map(({ selected: _s, ...s }) => s),
    }));
    return { ...env, occupation };
  }

  // --- related activities ----------------------------------------------------------------------

  relatedActivities(q: RelatedActivitiesQuery) {
    const dwas = this.rows<Dwa>('dwas');
    const dwaById = new Map(dwas.map((d) => [d.id, d]));
    const selected = new Set(q.activities);
    const selectedIwas = new Set(q.activities.map((id) => dwaById.get(id)!.iwaId));
    const links = this.rows<OccDwa>('occupationDwas');
    const shared = new Map<string, number>();
    for (const l of links) if (l.code !== q.code && selected.has(l.dwaId)) shared.set(l.code, (shared.get(l.code) ?? 0) + 1);
    const similar = new Map<string, number>();
    const dwasOf = new Map<string, string[]>();
    for (const l of links) {
      if (!shared.has(l.code)) continue;
      let list = dwasOf.get(l.code);
      if (!list) dwasOf.set(l.code, (list = []));
      list.push(l.dwaId);
      if (!selected.has(l.dwaId) && selectedIwas.has(dwaById.get(l.dwaId)!.iwaId)) similar.set(l.code, (similar.get(l.code) ?? 0) + 1);
    }
    const candidates = this.occupations.filter((o) => shared.has(o.code));
    const sh = (o: Occ) => shared.get(o.code) ?? 0;
    const si = (o: Occ) => similar.get(o.code) ?? 0;
    const sort = q.sort ?? 'shared';
    const cmp = {
      shared: (a: Occ, b: Occ) => sh(b) - sh(a) || si(b) - si(a) || this.byTitle(a, b),
      similar: (a: Occ, b: Occ) => si(b) - si(a) || sh(b) - sh(a) || this.byTitle(a, b),
      title: this.byTitle,
      code: this.byCode,
      zone: (a: Occ, b: Occ) => this.zoneKey(a) - this.zoneKey(b) || sh(b) - sh(a) || this.byTitle(a, b),
    }[sort];
    candidates.sort(cmp);
    const w = windowOf(q);
    const env = envelope(candidates.length, w, (start, end) =>
      buildRoute(`/online/related_activities/results/${q.code}`, { activities: q.activities.join(','), sort: q.sort, start, end }),
    );
    const item = (id: string) => ({ id, title: dwaById.get(id)!.title });
    const occupation = candidates.slice(w.start - 1, env.end).map((o) => {
      const all = dwasOf.get(o.code) ?? [];
      return {
        ...occupationHead(o.code, o.title, o.brightOutlook, this.jobZone(o.jobZone)),
        activities: {
          shared: all.filter((d) => selected.has(d)).map(item),
          similar: all.filter((d) => !selected.has(d) && selectedIwas.has(dwaById.get(d)!.iwaId)).map(item),
          full: all.map(item),
        },
      };
    });
    return { ...env, occupation };
  }

  // --- keyword search --------------------------------------------------------------------------

  search(q: SearchQuery) {
    const w = windowOf(q);
    let ranked: Occ[];
    const digits = codeQueryDigits(q.keyword);
    if (digits !== undefined) {
      ranked = this.occupations.filter((o) => o.code.replace(/[-.]/g, '').startsWith(digits));
    } else {
      const words = terms(q.keyword);
      const query = words.join(' ');
      const prefixLast = !/\s$/.test(q.keyword);
      const byCode = new Map(this.occupations.map((o) => [o.code, o]));
      // Every searchable field, normalised per query.
      const fields: { code: string; kind: 0 | 1 | 2; text: string }[] = [];
      for (const o of this.occupations) fields.push({ code: o.code, kind: 0, text: o.title });
      for (const a of this.rows<AltTitle>('alternateTitles')) {
        fields.push({ code: a.code, kind: 1, text: a.title });
        if (a.shortTitle) fields.push({ code: a.code, kind: 1, text: a.shortTitle });
      }
      for (const r of this.rows<RepTitle>('reportedTitles')) fields.push({ code: r.code, kind: 2, text: r.title });
      const best = new Map<string, { score: number; extra: number }>();
      const consider = (code: string, score: number, extra: number) => {
        const prev = best.get(code);
        if (!prev || score > prev.score || (score === prev.score && extra < prev.extra)) best.set(code, { score, extra });
      };
      const partial: { code: string; kind: number; n: number; extra: number }[] = [];
      if (words.length > 0) {
        for (const f of fields) {
          const fw = terms(f.text);
          if (fw.length === 0) continue;
          let n = 0;
          words.forEach((word, i) => {
            const prefix = i === words.length - 1 && prefixLast && word.length >= 2;
            if (fw.some((x) => (prefix ? x.startsWith(word) : x === word))) n++;
          });
          if (n === 0) continue;
          const text = fw.join(' ');
          const extra = Math.min(fw.length, 255) - words.length;
          if (n === words.length) {
            const [exact, pre, contains] = SEARCH_SCORES[f.kind]!;
            consider(f.code, text === query ? exact : text.startsWith(query) ? pre : contains, extra);
          } else partial.push({ code: f.code, kind: f.kind, n, extra });
        }
        if (best.size === 0 && words.length > 1) for (const p of partial) consider(p.code, Math.floor((40 * p.n) / words.length) - p.kind, p.extra);
      }
      const hits = [...best].map(([code, s]) => ({ occ: byCode.get(code)!, ...s }));
      hits.sort((a, b) => b.score - a.score || a.extra - b.extra || this.byTitle(a.occ, b.occ));
      ranked = hits.map((h) => h.occ);
    }
    const env = envelope(ranked.length, w, (start, end) => buildRoute('/online/related_activities', { keyword: q.keyword, start, end }));
    return {
      ...env,
      occupation: ranked
        .slice(w.start - 1, env.end)
        .map((o) => ({ href: `/online/related_activities/activities/${o.code}`, code: o.code, title: o.title, tags: tags(o.brightOutlook) })),
    };
  }

  // --- occupation list -------------------------------------------------------------------------

  list(q: ListQuery) {
    if (q.green === true) throw new Error('green=true is not benchmarked (no green data)');
    const rows = this.occupations.filter(
      (o) => (q.jobZone === undefined || o.jobZone === q.jobZone) && (q.brightOutlook === undefined || (o.brightOutlook !== 0) === q.brightOutlook),
    );
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    return {
      data: {
        items: rows.slice((page - 1) * pageSize, page * pageSize).map((o) => ({
          soc_code: o.code,
          title: o.title,
          job_zone: o.jobZone === 0 ? null : o.jobZone,
          bright_outlook: o.brightOutlook !== 0,
          green_occupation: false,
        })),
        total: rows.length,
        page,
        page_size: pageSize,
        pages: Math.ceil(rows.length / pageSize),
      },
      metadata: { sources: LIST_SOURCES, request_id: `local-${this.requestCounter++}`, rate_limit: null },
    };
  }

  // --- occupation details ----------------------------------------------------------------------

  details(q: DetailsQuery) {
    const raw = q.keyword.trim();
    const occ = /^\d{2}-\d{4}\.\d{2}$/.test(raw) ? this.occupations.find((o) => o.code === raw) : this.occupations.find((o) => titleKey(o.title) === titleKey(raw));
    if (!occ) throw new Error(`no occupation ${q.keyword}`);
    const soc = occ.code.slice(0, 7);
    const base = this.occupations.find((o) => o.code === `${soc}.00`);
    const want = new Set(q.flags);
    const elements = this.rows<Element>('elements');
    const elementById = new Map(elements.map((e, i) => [e.id, { ...e, row: i }]));
    const detail: Record<string, unknown> = {
      OnetTitle: occ.title,
      OnetCode: occ.code,
      OnetDescription: occ.description,
      BrightOutlook: occ.brightOutlook !== 0 ? 'Bright' : '',
      BrightOutlookCategory: brightCategories(occ.brightOutlook),
      Location: 'US',
      SocInfo: { SocCode: soc, SocTitle: base?.title ?? null, SocDescription: base?.description ?? null },
    };
    const notAvailable: unknown[] = [];
    const ratingOf = new Map(this.rows<TaskRating>('taskRatings').map((r) => [r.taskId, r.value]));
    const tasks = this.rows<Task>('tasks')
      .map((t, row) => ({ ...t, row }))
      .filter((t) => t.code === occ.code);
    const typeRank = (t: Task) => (t.type === 1 ? 0 : t.type === 2 ? 1 : 2);
    tasks.sort((a, b) => (ratingOf.get(b.taskId) ?? -1) - (ratingOf.get(a.taskId) ?? -1) || typeRank(a) - typeRank(b) || a.row - b.row);
    const taskValue = (taskId: number) => (ratingOf.has(taskId) ? importanceScore(ratingOf.get(taskId)!) : null);
    if (want.has('tasks')) detail.Tasks = tasks.map((t) => ({ TaskDescription: t.text, TaskId: String(t.taskId), DataValue: taskValue(t.taskId) }));
    if (want.has('dwas')) {
      const taskDwas = this.rows<TaskDwa>('taskDwas');
      const firstTask = new Map<string, number>();
      for (const t of tasks) for (const l of taskDwas) if (l.taskId === t.taskId && !firstTask.has(l.dwaId)) firstTask.set(l.dwaId, t.taskId);
      const dwaById = new Map(this.rows<Dwa>('dwas').map((d) => [d.id, d]));
      detail.DWAs = this.rows<OccDwa>('occupationDwas')
        .filter((l) => l.code === occ.code)
        .map((l) => {
          const t = firstTask.get(l.dwaId);
          return { DWATitle: dwaById.get(l.dwaId)!.title, DWAId: l.dwaId, DataValue: t === undefined ? null : taskValue(t), TaskId: t === undefined ? null : String(t) };
        });
    }
    if (want.has('alternateOnetTitles')) {
      const shown = this.rows<RepTitle>('reportedTitles')
        .filter((r) => r.code === occ.code && r.shown === 1)
        .map((r) => r.title);
      detail.AlternateTitles = shown.length
        ? shown
        : this.rows<AltTitle>('alternateTitles')
            .filter((a) => a.code === occ.code)
            .slice(0, 4)
            .map((a) => a.title);
    }
    if (want.has('interest')) {
      detail.InterestDataList = this.rows<Rating>('interests')
        .filter((r) => r.code === occ.code && r.scale === 'OI')
        .sort((a, b) => b.value - a.value || elementById.get(a.elementId)!.row - elementById.get(b.elementId)!.row)
        .map((r) => {
          const e = elementById.get(r.elementId)!;
          return { ElementID: e.id, ElementName: e.name, ElementDescription: e.description, DataValue: sevenPointScore(r.value), Importance: sevenPointScore(r.value) };
        });
    }
    if (want.has('relatedOnetTitles')) {
      const rel = this.rows<Related>('relatedOccupations').filter((r) => r.code === occ.code);
      rel.sort((a, b) => a.rank - b.rank || (a.relatedCode < b.relatedCode ? -1 : a.relatedCode > b.relatedCode ? 1 : 0));
      const out: Record<string, string> = {};
      for (const r of rel) out[r.relatedCode] = this.occupations.find((o) => o.code === r.relatedCode)!.title;
      detail.RelatedOnetTitles = out;
    }
    const ratings = (name: 'skills' | 'knowledge') => {
      const im = new Map<string, number>();
      const lv = new Map<string, number>();
      for (const r of this.rows<Rating>(name)) {
        if (r.code !== occ.code) continue;
        if (r.scale === 'IM') im.set(r.elementId, r.value);
        else if (r.scale === 'LV') lv.set(r.elementId, r.value);
      }
      return [...im.keys()]
        .sort((a, b) => im.get(b)! - im.get(a)! || (lv.get(b) ?? -1) - (lv.get(a) ?? -1) || elementById.get(a)!.row - elementById.get(b)!.row)
        .map((id) => {
          const e = elementById.get(id)!;
          return {
            ElementID: id,
            ElementName: e.name,
            ElementDescription: e.description,
            DataValue: lv.has(id) ? levelScore(lv.get(id)!) : null,
            Importance: importanceScore(im.get(id)!),
          };
        });
    };
    if (want.has('skills')) detail.SkillsDataList = ratings('skills');
    if (want.has('knowledge')) detail.KnowledgeDataList = ratings('knowledge');
    if (want.has('training')) {
      const cats = this.rows<EduCategory>('educationCategories').filter((c) => c.elementId === '2.D.1' && c.scale === 'RL');
      const rows = this.rows<Rating>('education')
        .filter((r) => r.code === occ.code && r.elementId === '2.D.1' && r.scale === 'RL')
        .sort((a, b) => a.category! - b.category!);
      const z = occ.jobZone === 0 ? undefined : this.rows<JobZone>('jobZones').find((j) => j.zone === occ.jobZone);
      detail.EducationTraining = {
        EducationType: rows.map((r) => ({
          Category: r.category!,
          EducationLevel: cats.find((c) => c.category === r.category)?.description ?? `Category ${r.category}`,
          Value: r.value / 100,
        })),
        JobZone: z ? { Code: z.zone, Title: z.name, Education: z.education, Experience: z.experience, Training: z.jobTraining } : null,
      };
      notAvailable.push(TRAINING_BLS_PARTS);
    }
    return { OccupationDetail: [detail], RecordCount: 1, NotAvailable: notAvailable, MetaData: detailsMetaData(this.data.info) };
  }
}
