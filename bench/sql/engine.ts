/**
 * The sql.js baseline: answers every benchmark query kind with SQL over the database of
 * bench/sql/build.ts, shaping the rows into exactly the engine's JSON. Prepared statements are
 * cached per SQL text (as any sql.js app would). Runs unchanged in Node and in the browser.
 *
 * Only tiny reference tables (5 job zones, 8 soft skills, the RL education categories) are read
 * once at open; every query reads the big tables through SQL.
 */
import type { Database, SqlValue, Statement } from 'sql.js';
import { terms } from '../../src/engine/text.js';
import type { SnapshotInfo } from '../../src/snapshot/schema.js';
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

type Row = SqlValue[];

const placeholders = (n: number) => new Array(n).fill('?').join(', ');

export class SqlContender implements Contender, KindAnswers {
  readonly name = 'sql.js' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly jobZones = new Map<number, { title: string; education: string; experience: string; training: string }>();
  private readonly soft = new Map<string, { k: number; title: string }>();
  private readonly softByK: { code: string; title: string }[] = [];
  private requestCounter = 1;
  private readonly hasTaskRatings: boolean;

  constructor(
    private readonly db: Database,
    private readonly info: SnapshotInfo,
  ) {
    for (const [zone, name, education, experience, training] of this.all('SELECT zone, name, education, experience, job_training FROM job_zones')) {
      this.jobZones.set(Number(zone), { title: String(name), education: String(education), experience: String(experience), training: String(training) });
    }
    for (const [k, code, title] of this.all('SELECT s.k, s.code, e.name FROM soft_skills s JOIN elements e ON e.rid = s.element ORDER BY s.k')) {
      this.soft.set(String(code), { k: Number(k), title: String(title) });
      this.softByK[Number(k)] = { code: String(code), title: String(title) };
    }
    this.hasTaskRatings = this.all("SELECT 1 FROM sqlite_master WHERE name = 'task_ratings'").length > 0;
  }

  /** Runs a query and returns every row as an array. */
  all(sql: string, params: SqlValue[] = []): Row[] {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    stmt.bind(params);
    const rows: Row[] = [];
    try {
      while (stmt.step()) rows.push(stmt.get());
    } finally {
      stmt.reset();
    }
    return rows;
  }

  close(): void {
    for (const s of this.statements.values()) s.free();
    this.statements.clear();
    this.db.close();
  }

  answer(q: Query): unknown {
    return answerByKind(this, q);
  }

  private jobZone(zone: number) {
    const z = this.jobZones.get(zone);
    return zone !== 0 && z ? { code: zone, title: z.title } : null;
  }

  // --- soft skills ------------------------------------------------------------------------------

  softSkills(q: SoftSkillsQuery) {
    const ks = q.skills.map((c) => {
      const s = this.soft.get(c);
      if (!s) throw new Error(`unknown soft skill ${c}`);
      return s.k;
    });
    const sort = q.sort ?? 'skills_covered';
    const coverage = 'CAST(a.matched AS REAL) / a.high DESC';
    const order = {
      skills_covered: `${coverage}, a.matched DESC, o.rid`,
      my_matches: `a.matched DESC, ${coverage}, o.rid`,
      title: 'o.title_rank',
      code: 'o.rid',
      zone: `CASE o.job_zone WHEN 0 THEN 99 ELSE o.job_zone END, ${coverage}, o.rid`,
    }[sort];
    const w = windowOf(q);
    const rows = this.all(
      `WITH a AS (
         SELECT occ, COUNT(*) AS high, SUM(k IN (${placeholders(ks.length)})) AS matched FROM soft_high GROUP BY occ
       )
       SELECT o.rid, o.code, o.title, o.job_zone, o.bright_outlook, COUNT(*) OVER () AS total
       FROM a JOIN occupations o ON o.rid = a.occ
       WHERE a.matched > 0
       ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...ks, w.end - w.start + 1, w.start - 1],
    );
    const total = rows.length ? Number(rows[0]![5]) : this.countSoft(ks);
    const env = envelope(total, w, (start, end) => buildRoute('/online/soft_skills/results', { skills: q.skills.join(','), sort: q.sort, start, end }));
    const skillsOf = new Map<number, Row[]>();
    if (rows.length) {
      for (const r of this.all(
        `SELECT occ, k, level, importance FROM soft_high WHERE occ IN (${placeholders(rows.length)}) ORDER BY occ, k`,
        rows.map((r) => r[0]!),
      )) {
        const list = skillsOf.get(Number(r[0])) ?? [];
        list.push(r);
        skillsOf.set(Number(r[0]), list);
      }
    }
    const selected = new Set(ks);
    const occupation = rows.map(([rid, code, title, zone, bright]) => {
      const skills_matched: { code: string; title: string; level: number; importance: number }[] = [];
      const skills_other: typeof skills_matched = [];
      for (const [, k, level, importance] of skillsOf.get(Number(rid)) ?? []) {
        const s = this.softByK[Number(k)]!;
        (selected.has(Number(k)) ? skills_matched : skills_other).push({ code: s.code, title: s.title, level: Number(level), importance: Number(importance) });
      }
      return {
        ...occupationHead(String(code), String(title), Number(bright), this.jobZone(Number(zone))),
        skills_matched,
        skills_other,
      };
    });
    return { ...env, occupation };
  }

  private countSoft(ks: number[]): number {
    return Number(this.all(`SELECT COUNT(DISTINCT occ) FROM soft_high WHERE k IN (${placeholders(ks.length)})`, ks)[0]![0]);
  }

  // --- related activities ----------------------------------------------------------------------

  relatedActivities(q: RelatedActivitiesQuery) {
    const cur = this.all('SELECT rid FROM occupations WHERE code = ?', [q.code])[0];
    if (!cur) throw new Error(`unknown occupation ${q.code}`);
    const sel = this.all(`SELECT rid, iwa FROM dwas WHERE id IN (${placeholders(q.activities.length)})`, q.activities);
    const selDwas = sel.map((r) => Number(r[0]));
    const selIwas = [...new Set(sel.map((r) => Number(r[1])))];
    const sort = q.sort ?? 'shared';
    const order = {
      shared: 's.shared DESC, s.similar DESC, o.title_rank',
      similar: 's.similar DESC, s.shared DESC, o.title_rank',
      title: 'o.title_rank',
      code: 'o.rid',
      zone: 'CASE o.job_zone WHEN 0 THEN 99 ELSE o.job_zone END, s.shared DESC, o.title_rank',
    }[sort];
    const w = windowOf(q);
    const d = placeholders(selDwas.length);
    const rows = this.all(
      `WITH cand AS (
         SELECT occ, COUNT(*) AS shared FROM occupation_dwas WHERE dwa IN (${d}) AND occ <> ? GROUP BY occ
       ), s AS (
         SELECT c.occ, c.shared,
                (SELECT COUNT(*) FROM occupation_dwas od JOIN dwas dw ON dw.rid = od.dwa
                 WHERE od.occ = c.occ AND od.dwa NOT IN (${d}) AND dw.iwa IN (${placeholders(selIwas.length)})) AS similar
         FROM cand c
       )
       SELECT o.rid, o.code, o.title, o.job_zone, o.bright_outlook, COUNT(*) OVER () AS total
       FROM s JOIN occupations o ON o.rid = s.occ
       ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...selDwas, cur[0]!, ...selDwas, ...selIwas, w.end - w.start + 1, w.start - 1],
    );
    const total = rows.length ? Number(rows[0]![5]) : 0;
    const env = envelope(total, w, (start, end) => buildRoute(`/online/related_activities/results/${q.code}`, { activities: q.activities.join(','), sort: q.sort, start, end }));
    const dwasOf = new Map<number, Row[]>();
    if (rows.length) {
      for (const r of this.all(
        `SELECT od.occ, dw.rid, dw.id, dw.title, dw.iwa FROM occupation_dwas od JOIN dwas dw ON dw.rid = od.dwa WHERE od.occ IN (${placeholders(rows.length)}) ORDER BY od.rid`,
        rows.map((r) => r[0]!),
      )) {
        const list = dwasOf.get(Number(r[0])) ?? [];
        list.push(r);
        dwasOf.set(Number(r[0]), list);
      }
    }
    const selSet = new Set(selDwas);
    const iwaSet = new Set(selIwas);
    const occupation = rows.map(([rid, code, title, zone, bright]) => {
      const all = dwasOf.get(Number(rid)) ?? [];
      const item = (r: Row) => ({ id: String(r[2]), title: String(r[3]) });
      return {
        ...occupationHead(String(code), String(title), Number(bright), this.jobZone(Number(zone))),
        activities: {
          shared: all.filter((r) => selSet.has(Number(r[1]))).map(item),
          similar: all.filter((r) => !selSet.has(Number(r[1])) && iwaSet.has(Number(r[4]))).map(item),
          full: all.map(item),
        },
      };
    });
    return { ...env, occupation };
  }

  // --- keyword search --------------------------------------------------------------------------

  search(q: SearchQuery) {
    const w = windowOf(q);
    const limit = [w.end - w.start + 1, w.start - 1];
    let rows: Row[];
    const digits = codeQueryDigits(q.keyword);
    if (digits !== undefined) {
      rows = this.all(
        `SELECT rid, code, title, bright_outlook, COUNT(*) OVER () FROM occupations WHERE replace(replace(code, '-', ''), '.', '') LIKE ? ORDER BY rid LIMIT ? OFFSET ?`,
        [`${digits}%`, ...limit],
      );
    } else {
      const words = terms(q.keyword);
      if (words.length === 0) rows = [];
      else {
        const prefixLast = !/\s$/.test(q.keyword);
        // One LIKE per query word on the normalised words (space-delimited); the last word may be a prefix.
        const conds: string[] = [];
        const params: SqlValue[] = [];
        words.forEach((word, i) => {
          if (i === words.length - 1 && prefixLast && word.length >= 2) {
            conds.push(`(' ' || terms) LIKE ?`);
            params.push(`% ${word}%`);
          } else {
            conds.push(`(' ' || terms || ' ') LIKE ?`);
            params.push(`% ${word} %`);
          }
        });
        const query = words.join(' ');
        const sc = (i: 0 | 1 | 2) => `CASE kind WHEN 0 THEN ${SEARCH_SCORES[0]![i]} WHEN 1 THEN ${SEARCH_SCORES[1]![i]} ELSE ${SEARCH_SCORES[2]![i]} END`;
        const ranked = (matches: string) => `
          WITH m AS (${matches}),
          best AS (SELECT occ, MAX(score) AS score FROM m GROUP BY occ),
          b AS (SELECT m.occ, m.score, MIN(m.extra) AS extra FROM m JOIN best ON best.occ = m.occ AND best.score = m.score GROUP BY m.occ)
          SELECT o.rid, o.code, o.title, o.bright_outlook, COUNT(*) OVER () FROM b JOIN occupations o ON o.rid = b.occ
          ORDER BY b.score DESC, b.extra, o.title_rank LIMIT ? OFFSET ?`;
        rows = this.all(
          ranked(`SELECT occ, CASE WHEN terms = ? THEN ${sc(0)} WHEN terms LIKE ? THEN ${sc(1)} ELSE ${sc(2)} END AS score, words - ? AS extra
                  FROM search_fields WHERE ${conds.join(' AND ')}`),
          [query, `${query}%`, words.length, ...params, ...limit],
        );
        if (rows.length === 0 && words.length > 1) {
          // No field has every word: fields with most of the words, scored below any full match.
          const n = conds.map((c) => `(${c})`).join(' + ');
          rows = this.all(ranked(`SELECT occ, (40 * n) / ? - kind AS score, words - ? AS extra FROM (SELECT occ, kind, words, ${n} AS n FROM search_fields) WHERE n > 0`), [
            words.length,
            words.length,
            ...params,
            ...limit,
          ]);
        }
      }
    }
    const total = rows.length ? Number(rows[0]![4]) : 0;
    const env = envelope(total, w, (start, end) => buildRoute('/online/related_activities', { keyword: q.keyword, start, end }));
    return {
      ...env,
      occupation: rows.map(([, code, title, bright]) => ({
        href: `/online/related_activities/activities/${String(code)}`,
        code: String(code),
        title: String(title),
        tags: tags(Number(bright)),
      })),
    };
  }

  // --- occupation list -------------------------------------------------------------------------

  list(q: ListQuery) {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (q.jobZone !== undefined) {
      where.push('job_zone = ?');
      params.push(q.jobZone);
    }
    if (q.brightOutlook !== undefined) where.push(q.brightOutlook ? 'bright_outlook <> 0' : 'bright_outlook = 0');
    if (q.green === true) throw new Error('green=true is not benchmarked (no green data)');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.all(`SELECT COUNT(*) FROM occupations ${filter}`, params)[0]![0]);
    const rows = this.all(`SELECT code, title, job_zone, bright_outlook FROM occupations ${filter} ORDER BY rid LIMIT ? OFFSET ?`, [...params, pageSize, (page - 1) * pageSize]);
    return {
      data: {
        items: rows.map(([code, title, zone, bright]) => ({
          soc_code: String(code),
          title: String(title),
          job_zone: Number(zone) === 0 ? null : Number(zone),
          bright_outlook: Number(bright) !== 0,
          green_occupation: false,
        })),
        total,
        page,
        page_size: pageSize,
        pages: Math.ceil(total / pageSize),
      },
      metadata: { sources: LIST_SOURCES, request_id: `local-${this.requestCounter++}`, rate_limit: null },
    };
  }

  // --- occupation details ----------------------------------------------------------------------

  details(q: DetailsQuery) {
    const found = /^\d{2}-\d{4}\.\d{2}$/.test(q.keyword.trim())
      ? this.all('SELECT rid, code, title, description, bright_outlook, job_zone FROM occupations WHERE code = ?', [q.keyword.trim()])[0]
      : this.all('SELECT rid, code, title, description, bright_outlook, job_zone FROM occupations WHERE title_key = ? ORDER BY rid LIMIT 1', [titleKey(q.keyword)])[0];
    if (!found) throw new Error(`no occupation ${q.keyword}`);
    const [rid, code, title, description, bright, zone] = found;
    const occ = Number(rid);
    const soc = String(code).slice(0, 7);
    const base = this.all('SELECT title, description FROM occupations WHERE code = ?', [`${soc}.00`])[0];
    const want = new Set(q.flags);
    const detail: Record<string, unknown> = {
      OnetTitle: String(title),
      OnetCode: String(code),
      OnetDescription: String(description),
      BrightOutlook: Number(bright) !== 0 ? 'Bright' : '',
      BrightOutlookCategory: brightCategories(Number(bright)),
      Location: 'US',
      SocInfo: { SocCode: soc, SocTitle: base ? String(base[0]) : null, SocDescription: base ? String(base[1]) : null },
    };
    const notAvailable: unknown[] = [];
    const taskOrder = this.hasTaskRatings
      ? `COALESCE((SELECT value FROM task_ratings tr WHERE tr.task = t.rid), -1) DESC, CASE t.type WHEN 1 THEN 0 WHEN 2 THEN 1 ELSE 2 END, t.rid`
      : `CASE t.type WHEN 1 THEN 0 WHEN 2 THEN 1 ELSE 2 END, t.rid`;
    const taskValue = this.hasTaskRatings ? '(SELECT value FROM task_ratings tr WHERE tr.task = t.rid)' : 'NULL';
    if (want.has('tasks')) {
      detail.Tasks = this.all(`SELECT t.text, t.task_id, ${taskValue} FROM tasks t WHERE t.occ = ? ORDER BY ${taskOrder}`, [occ]).map(([text, id, v]) => ({
        TaskDescription: String(text),
        TaskId: String(id),
        DataValue: v === null ? null : importanceScore(Number(v)),
      }));
    }
    if (want.has('dwas')) {
      const first = new Map<number, [SqlValue, SqlValue]>();
      for (const [dwa, taskId, v] of this.all(
        `SELECT td.dwa, t.task_id, ${taskValue} FROM tasks t JOIN task_dwas td ON td.task = t.rid WHERE t.occ = ? ORDER BY ${taskOrder}, td.rid`,
        [occ],
      )) {
        if (!first.has(Number(dwa))) first.set(Number(dwa), [taskId!, v!]);
      }
      detail.DWAs = this.all('SELECT dw.rid, dw.title, dw.id FROM occupation_dwas od JOIN dwas dw ON dw.rid = od.dwa WHERE od.occ = ? ORDER BY od.rid', [occ]).map(([d, t, id]) => {
        const f = first.get(Number(d));
        return { DWATitle: String(t), DWAId: String(id), DataValue: f && f[1] !== null ? importanceScore(Number(f[1])) : null, TaskId: f ? String(f[0]) : null };
      });
    }
    if (want.has('alternateOnetTitles')) {
      const shown = this.all('SELECT title FROM reported_titles WHERE occ = ? AND shown = 1 ORDER BY rid', [occ]).map((r) => String(r[0]));
      detail.AlternateTitles = shown.length ? shown : this.all('SELECT title FROM alternate_titles WHERE occ = ? ORDER BY rid LIMIT 4', [occ]).map((r) => String(r[0]));
    }
    if (want.has('interest')) {
      detail.InterestDataList = this.all(
        `SELECT e.id, e.name, e.description, i.value FROM interests i JOIN elements e ON e.rid = i.element WHERE i.occ = ? AND i.scale = 'OI' ORDER BY i.value DESC, i.element`,
        [occ],
      ).map(([id, name, desc, v]) => ({
        ElementID: String(id),
        ElementName: String(name),
        ElementDescription: String(desc),
        DataValue: sevenPointScore(Number(v)),
        Importance: sevenPointScore(Number(v)),
      }));
    }
    if (want.has('relatedOnetTitles')) {
      const related: Record<string, string> = {};
      for (const [c, t] of this.all('SELECT o.code, o.title FROM related_occupations r JOIN occupations o ON o.rid = r.related WHERE r.occ = ? ORDER BY r.rank, r.related', [occ]))
        related[String(c)] = String(t);
      detail.RelatedOnetTitles = related;
    }
    const ratings = (table: string) =>
      this.all(
        `SELECT e.id, e.name, e.description, x.im, x.lv FROM (
           SELECT element, MAX(CASE WHEN scale = 'IM' THEN value END) AS im, MAX(CASE WHEN scale = 'LV' THEN value END) AS lv
           FROM ${table} WHERE occ = ? GROUP BY element
         ) x JOIN elements e ON e.rid = x.element
         WHERE x.im IS NOT NULL ORDER BY x.im DESC, COALESCE(x.lv, -1) DESC, x.element`,
        [occ],
      ).map(([id, name, desc, im, lv]) => ({
        ElementID: String(id),
        ElementName: String(name),
        ElementDescription: String(desc),
        DataValue: lv === null ? null : levelScore(Number(lv)),
        Importance: importanceScore(Number(im)),
      }));
    if (want.has('skills')) detail.SkillsDataList = ratings('skills');
    if (want.has('knowledge')) detail.KnowledgeDataList = ratings('knowledge');
    if (want.has('training')) {
      const rows = this.all(
        `SELECT ed.category, ec.description, ed.value FROM education ed JOIN elements e ON e.rid = ed.element
         LEFT JOIN education_categories ec ON ec.element = ed.element AND ec.scale = 'RL' AND ec.category = ed.category
         WHERE ed.occ = ? AND e.id = '2.D.1' AND ed.scale = 'RL' ORDER BY ed.category`,
        [occ],
      );
      const z = Number(zone) === 0 ? undefined : this.jobZones.get(Number(zone));
      detail.EducationTraining = {
        EducationType: rows.map(([cat, desc, v]) => ({ Category: Number(cat), EducationLevel: desc === null ? `Category ${Number(cat)}` : String(desc), Value: Number(v) / 100 })),
        JobZone: z ? { Code: Number(zone), Title: z.title, Education: z.education, Experience: z.experience, Training: z.training } : null,
      };
      notAvailable.push(TRAINING_BLS_PARTS);
    }
    return { OccupationDetail: [detail], RecordCount: 1, NotAvailable: notAvailable, MetaData: detailsMetaData(this.info) };
  }
}
