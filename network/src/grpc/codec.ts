import {
  makeGenericClientConstructor,
  type ChannelCredentials,
  type ChannelOptions,
  type MethodDefinition,
  type ServiceDefinition,
} from '@grpc/grpc-js';

interface Serializable {
  serializeBinary(): Uint8Array;
}

const serialize = (message: Serializable): Buffer => Buffer.from(message.serializeBinary());

/**
 * A copy of a generated service definition whose serializers accept any message with
 * `serializeBinary`. google-protobuf registers classes in one global namespace, so when two
 * copies of the protos are loaded (the gateway client brings its own), decoded messages can be
 * instances of the other copy, which the generated serializers refuse with `instanceof`.
 */
export function lenientService<D extends ServiceDefinition>(definition: D): D {
  const methods: Record<string, MethodDefinition<Serializable, Serializable>> = {};
  for (const [name, method] of Object.entries(definition) as [
    string,
    MethodDefinition<Serializable, Serializable>,
  ][]) {
    methods[name] = { ...method, requestSerialize: serialize, responseSerialize: serialize };
  }
  return methods as unknown as D;
}

/** A constructor of a grpc-js client class. */
export type ClientClass<C> = new (
  address: string,
  credentials: ChannelCredentials,
  options?: ChannelOptions,
) => C;

/**
 * The generated client class `generated` of `definition`, rebuilt with lenient serializers;
 * instances have the generated class's methods and types.
 */
export function lenientClient<C>(generated: ClientClass<C>, definition: ServiceDefinition): ClientClass<C> {
  return makeGenericClientConstructor(
    lenientService(definition),
    generated.name,
  ) as unknown as ClientClass<C>;
}
