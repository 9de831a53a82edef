/** The contracts the chaincode exposes; fabric-chaincode-node reads `contracts` from here. */
export const contracts: unknown[] = [];
