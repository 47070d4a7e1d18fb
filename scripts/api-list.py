#!/usr/bin/env python3
"""api-list.py DIR: the public API in the symbol graphs of DIR (*.symbols.json, as swift-symbolgraph-extract
writes them), one line per type: `Module.Type (kind): member, member, …`. Members the compiler synthesises
(protocol default implementations) are left out. Used by scripts/check-api.sh."""
import json, sys, glob, os

TYPES = {'swift.struct': 'struct', 'swift.class': 'class', 'swift.enum': 'enum', 'swift.protocol': 'protocol',
         'swift.typealias': 'typealias'}
owners, members = {}, {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.symbols.json'))):
    graph = json.load(open(path))
    module = graph['module']['name']
    for s in graph['symbols']:
        if '::SYNTHESIZED::' in s['identifier']['precise'] or s.get('accessLevel') != 'public':
            continue
        kind, comps = s['kind']['identifier'], s['pathComponents']
        if kind in TYPES:
            owners['.'.join([module] + comps)] = TYPES[kind]
            continue
        owner = '.'.join([module] + comps[:-1]) if len(comps) > 1 else module
        name = comps[-1]
        if kind == 'swift.enum.case':
            name = 'case ' + name
        elif kind.startswith('swift.type.') or kind in ('swift.type.method', 'swift.type.property', 'swift.type.subscript'):
            name = 'static ' + name
        members.setdefault(owner, set()).add(name)
for owner in sorted(set(owners) | set(members)):
    kind = owners.get(owner, 'global')
    print(f"{owner} ({kind}): " + ', '.join(sorted(members.get(owner, []))))
