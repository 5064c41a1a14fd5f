"""Walks covalence's Redfish service with sushy (python3-sushy), as an OpenStack tool would, and
prints what it read as one JSON document on stdout. Usage: sushy_walk.py BASE_URL TOKEN

sushy logs in with a session (UserName, Password = a covalence token) and falls back to Basic.
Its CompositionService.resource_blocks/resource_zones properties are broken in 4.3.3 (they pass
a method, not its result, as the path: reference §6), so the collections are built from their
standard paths here, as sushy's own clients must.
"""
import json
import sys

import sushy
from sushy.resources.compositionservice import resourceblock, resourcezone

base, token = sys.argv[1], sys.argv[2]
root = sushy.Sushy(base, username='covalence', password=token)
service = root.get_composition_service()
conn = service._conn
blocks = resourceblock.ResourceBlockCollection(conn, '/redfish/v1/CompositionService/ResourceBlocks',
                                               redfish_version=root.redfish_version, root=root)
zones = resourcezone.ResourceZoneCollection(conn, '/redfish/v1/CompositionService/ResourceZones',
                                            redfish_version=root.redfish_version, root=root)


def v(value):
    """sushy maps enumerations onto its own Enum members; their wire values are compared."""
    return getattr(value, 'value', value)


def status(s):
    return None if s is None else {'state': v(s.state), 'health': v(s.health)}


systems = root.get_system_collection()
print(json.dumps({
    'sushy': sushy.__version__,
    'root': {'id': root.identity, 'redfish_version': root.redfish_version, 'name': root.name},
    'auth': type(root._auth).__name__,
    'session': root._auth.get_session_key() is not None,
    'systems': [{
        'id': s.identity, 'name': s.name, 'system_type': v(s.system_type), 'power_state': v(s.power_state),
        'uuid': s.uuid, 'status': status(s.status),
    } for s in systems.get_members()],
    'composition_service': {
        'id': service.identity, 'name': service.name, 'service_enabled': service.service_enabled,
        'allow_overprovisioning': service.allow_overprovisioning, 'allow_zone_affinity': service.allow_zone_affinity,
        'status': status(service.status),
    },
    'blocks': [{
        'id': b.identity, 'name': b.name, 'state': v(b.composition_status.composition_state),
        'reserved': b.composition_status.reserved_state, 'compositions': b.composition_status.number_of_compositions,
        'max_compositions': b.composition_status.max_compositions, 'type': v(b.resource_block_type),
    } for b in blocks.get_members()],
    'zones': [{
        'id': z.identity, 'name': z.name, 'status': status(z.status),
        'blocks': sorted(link['@odata.id'] for link in (z.links.resource_blocks or [])),
    } for z in zones.get_members()],
}))
