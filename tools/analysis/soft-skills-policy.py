#!/usr/bin/env python3
"""Search for the O*NET Web Services v2 "soft skills" high-level rule (stdlib only).

Usage: python3 tools/analysis/soft-skills-policy.py [DB_DIR]
DB_DIR defaults to ../shared/onet/db_29_3_text beside the repository.  Prints: candidate-rule table,
chosen-rule check against the published example, tie-break analysis, distribution.
"""
import csv, os, sys, math, itertools, statistics as st, collections

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'onet', 'db_29_3_text')
D = (sys.argv[1] if len(sys.argv) > 1 else DEFAULT).rstrip('/') + '/'
S = collections.defaultdict(dict); NAME = {}
for r in csv.DictReader(open(D + 'Skills.txt', encoding='utf-8'), delimiter='\t'):
    S[r['O*NET-SOC Code']].setdefault(r['Element ID'], {})[r['Scale ID']] = r
    NAME[r['Element ID']] = r['Element Name']
TITLE = {r['O*NET-SOC Code']: r['Title'] for r in csv.DictReader(open(D + 'Occupation Data.txt', encoding='utf-8'), delimiter='\t')}
JZ = {r['O*NET-SOC Code']: int(r['Job Zone']) for r in csv.DictReader(open(D + 'Job Zones.txt', encoding='utf-8'), delimiter='\t')}
OCCS = sorted(S)
def val(o, e, s): return float(S[o][e][s]['Data Value'])
def lvn(x): return math.floor(x / 7 * 100 + 1e-9)
def imn(x): return math.floor((x - 1) / 4 * 100 + 1e-9)

SOCIAL = ['2.B.1.a', '2.B.1.b', '2.B.1.c', '2.B.1.d', '2.B.1.e', '2.B.1.f']
THINK_CANDIDATES = ['2.A.1.a', '2.A.1.b', '2.A.1.c', '2.A.1.d', '2.A.2.a', '2.A.2.b', '2.A.2.c',
                    '2.A.2.d', '2.B.2.i', '2.B.4.e', '2.B.4.g', '2.B.4.h']
Q = ['2.B.1.d', '2.B.1.c', '2.B.1.a']
PTA, DOOR = '31-2022.00', '41-9091.00'
EXPECT = {PTA: {'2.B.1.a'}, DOOR: {'2.B.1.c'}}
EPS = 1e-9

# ---------------------------------------------------------------- rule engine
def make_rule(kind, score, param, thinking, exclude_nr=False, exclude_sup=False):
    pool = SOCIAL + list(thinking)
    sc = {'LV': lambda o, e: val(o, e, 'LV'), 'IM': lambda o, e: val(o, e, 'IM'),
          'LVn': lambda o, e: lvn(val(o, e, 'LV')), 'IMn': lambda o, e: imn(val(o, e, 'IM')),
          'LV+IM': lambda o, e: val(o, e, 'LV') + val(o, e, 'IM'),
          'LV*IM': lambda o, e: val(o, e, 'LV') * val(o, e, 'IM')}[score]
    def keep(o, e):
        lv = S[o][e]['LV']
        if exclude_nr and lv['Not Relevant'] == 'Y': return False
        if exclude_sup and (lv['Recommend Suppress'] == 'Y' or S[o][e]['IM']['Recommend Suppress'] == 'Y'): return False
        return True
    def high(o):
        xs = {e: sc(o, e) for e in pool if e in S[o] and keep(o, e)}
        if not xs: return set()
        v = list(xs.values()); mx = max(v); mean = st.mean(v); sd = st.pstdev(v)
        if kind == 'abs': t = param
        elif kind == 'max-d': t = mx - param
        elif kind == 'r*max': t = mx * param
        elif kind == 'mean+k*sd': t = mean + param * sd
        elif kind == 'topK': t = sorted(v, reverse=True)[min(param, len(v)) - 1]
        return {e for e, x in xs.items() if x >= t - EPS}
    return high, pool

def evaluate(high):
    H = {o: high(o) for o in OCCS}
    res = [o for o in OCCS if H[o] & set(Q)]
    return H, res

def share(H, o): return len(H[o] & set(Q)) / len(H[o])

def rank_of(H, res, o, key):
    order = sorted(res, key=key)
    return order.index(o) + 1 if o in order else None

def tiebreaks(H):
    lv = lambda o, es: sum(lvn(val(o, e, 'LV')) for e in es)
    im = lambda o, es: sum(imn(val(o, e, 'IM')) for e in es)
    m = lambda o: H[o] & set(Q)
    return {
        'code asc': lambda o: (-share(H, o), o),
        'title asc': lambda o: (-share(H, o), TITLE.get(o, '')),
        'matched desc, code': lambda o: (-share(H, o), -len(m(o)), o),
        'matched asc, code': lambda o: (-share(H, o), len(m(o)), o),
        'job zone asc, code': lambda o: (-share(H, o), JZ.get(o, 9), o),
        'job zone desc, code': lambda o: (-share(H, o), -JZ.get(o, 0), o),
        'level sum desc, code': lambda o: (-share(H, o), -lv(o, m(o)), o),
        'level sum asc, code': lambda o: (-share(H, o), lv(o, m(o)), o),
        'importance sum desc, code': lambda o: (-share(H, o), -im(o, m(o)), o),
        'importance sum asc, code': lambda o: (-share(H, o), im(o, m(o)), o),
        'lv+im sum asc, code': lambda o: (-share(H, o), lv(o, m(o)) + im(o, m(o)), o),
    }

# ---------------------------------------------------------------- candidates
PROCESS = ['2.A.2.a', '2.A.2.b', '2.A.2.c', '2.A.2.d']
SYSTEMS = ['2.B.4.e', '2.B.4.g', '2.B.4.h']
CANDIDATES = [
    # absolute thresholds (provably cannot satisfy both examples; shown for the record)
    ('abs', 'LVn', 48, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('abs', 'LVn', 50, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('abs', 'LVn', 57, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('abs', 'IMn', 50, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('abs', 'IMn', 75, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('abs', 'LV+IM', 6.5, PROCESS + ['2.B.2.i'] + SYSTEMS),
    # occupation-relative
    ('topK', 'LV', 1, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('topK', 'LV', 1, ['2.A.2.b']),
    ('topK', 'LV*IM', 1, []),
    ('max-d', 'LV', 0.125, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('max-d', 'LV', 0.25, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('max-d', 'LV', 0.125, ['2.A.2.b', '2.B.2.i']),            # <- chosen
    ('max-d', 'LV', 0.25, ['2.A.1.b', '2.A.2.b', '2.B.4.g']),
    ('max-d', 'LV', 0.25, ['2.A.1.b', '2.A.2.b', '2.B.4.g', '2.B.4.h']),
    ('max-d', 'LV+IM', 0.2, ['2.A.2.b']),
    ('r*max', 'LV', 0.9, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('r*max', 'LV', 0.95, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('mean+k*sd', 'LV', 1.0, PROCESS + ['2.B.2.i'] + SYSTEMS),
    ('mean+k*sd', 'LV', 1.0, ['2.A.2.b', '2.B.4.g', '2.B.4.h']),
    ('mean+k*sd', 'LV', 1.0, []),
]
CHOSEN = ('max-d', 'LV', 0.125, ['2.A.2.b', '2.B.2.i'])

def short(ts):
    return ','.join(ts) if ts else '(none)'

def main():
    print('occupations with skills data:', len(OCCS), '| in Occupation Data:', len(TITLE), '| with job zone:', len(JZ))
    print('\n## candidate rules  (thinking set listed; social = 2.B.1.a-f always)')
    print('rule | score | param | thinking | total | PTA ok | Door ok | #100% | rank PTA/Door (code asc)')
    for kind, score, p, th in CANDIDATES:
        for nr in (False, True):
            high, pool = make_rule(kind, score, p, th, exclude_nr=nr)
            H, res = evaluate(high)
            ok1 = H[PTA] == EXPECT[PTA]; ok2 = H[DOOR] == EXPECT[DOOR]
            n100 = sum(1 for o in res if share(H, o) == 1)
            k = tiebreaks(H)['code asc']
            print(f"{kind} | {score} | {p} | {short(th)} | {'exclNR ' if nr else ''}{len(res)} | {ok1} | {ok2} | {n100} | "
                  f"{rank_of(H, res, PTA, k)}/{rank_of(H, res, DOOR, k)}")

    kind, score, p, th = CHOSEN
    for nr, sup in ((False, False), (True, False), (True, True)):
        high, _ = make_rule(kind, score, p, th, exclude_nr=nr, exclude_sup=sup)
        H, res = evaluate(high)
        print(f'\nchosen rule, exclude NotRelevant={nr} exclude RecommendSuppress={sup}: total={len(res)}')
    high, pool = make_rule(kind, score, p, th)
    H, res = evaluate(high)
    print('\n## chosen rule', CHOSEN, 'total', len(res))
    for o in (PTA, DOOR):
        print(o, TITLE[o], 'JZ', JZ.get(o), [(e, NAME[e], lvn(val(o, e, 'LV')), imn(val(o, e, 'IM'))) for e in sorted(H[o])])
    full = [o for o in res if share(H, o) == 1]
    print('share=100%:', len(full), '| of which 1 matched:', sum(1 for o in full if len(H[o]) == 1))
    print('\n## tie-breaks (rank of PTA, Door; first 5)')
    for name, key in tiebreaks(H).items():
        order = sorted(res, key=key)
        print(f'{name:28s} PTA={order.index(PTA)+1:3d} Door={order.index(DOOR)+1:3d}  first5={order[:5]}')
    print('\n## share=100% occupations (code asc)')
    for o in sorted(full):
        m = sorted(H[o])
        print(' ', o, JZ.get(o), TITLE[o][:50], [(e, lvn(val(o, e, 'LV')), imn(val(o, e, 'IM'))) for e in m])
    print('\n## distribution of #high-level soft skills per occupation')
    c = collections.Counter(len(H[o]) for o in OCCS)
    print(dict(sorted(c.items())))
    print('per skill:', {NAME[e]: sum(1 for o in OCCS if e in H[o]) for e in pool})
    print('\n## sanity examples')
    for o in ('15-1252.00', '29-1141.00', '25-2021.00', '11-1011.00', '35-3023.00'):
        if o in H:
            print(' ', o, TITLE[o], [(NAME[e], lvn(val(o, e, 'LV')), imn(val(o, e, 'IM'))) for e in sorted(H[o])])

if __name__ == '__main__':
    main()
