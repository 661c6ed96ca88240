/** The sync protocol's wire format, shared by the server and the client. */
export * from './protocol';
export * from './errors';
export * from './roles';
export * from './entities';
export * from './auth';
export * from './sync';
export * from './mutations';
export * from './files';
export * from './text';
export * from './entity-builders';
export * from './people';
