import { COLLECTION_TYPES, ROOT, SCHEMA_VERSIONS, paths, type ResourceType } from './odata.js';

// The two service documents (DSP0266 §8.4): `$metadata`, the CSDL naming every schema the service
// answers with, and `odata`, the singletons a client may start from.

const DMTF = 'http://redfish.dmtf.org/schemas/v1';

const reference = (type: string, versioned: boolean) => [
  `  <edmx:Reference Uri="${DMTF}/${type}_v1.xml">`,
  `    <edmx:Include Namespace="${type}"/>`,
  ...(versioned ? [`    <edmx:Include Namespace="${type}.${SCHEMA_VERSIONS[type as ResourceType]}"/>`] : []),
  '  </edmx:Reference>',
];

export function metadataXml(): string {
  const versioned = Object.keys(SCHEMA_VERSIONS).flatMap((t) => reference(t, true));
  const collections = Object.keys(COLLECTION_TYPES).flatMap((t) => reference(t, false));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
    ...versioned,
    ...collections,
    ...reference('CollectionCapabilities', false),
    '  <edmx:DataServices>',
    '    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Service">',
    `      <EntityContainer Name="Service" Extends="ServiceRoot.${SCHEMA_VERSIONS.ServiceRoot}.ServiceContainer"/>`,
    '    </Schema>',
    '  </edmx:DataServices>',
    '</edmx:Edmx>',
    '',
  ].join('\n');
}

const SINGLETONS = {
  Systems: paths.systems,
  CompositionService: paths.compositionService,
  Chassis: paths.chassisCollection,
  SessionService: paths.sessionService,
  Sessions: paths.sessions,
  Tasks: paths.taskService,
} as const;

export function serviceDocument() {
  return {
    '@odata.context': `${ROOT}/$metadata`,
    value: [
      { name: 'Service', kind: 'Singleton', url: `${ROOT}/` },
      ...Object.entries(SINGLETONS).map(([name, url]) => ({ name, kind: 'Singleton', url })),
    ],
  };
}
