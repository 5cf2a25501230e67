// Original file: proto/runnel/v1/auth.proto


export interface SaslAuthenticateRequest {
  'mechanism'?: (string);
  'authBytes'?: (Buffer | Uint8Array | string);
}

export interface SaslAuthenticateRequest__Output {
  'mechanism': (string);
  'authBytes': (Buffer);
}
