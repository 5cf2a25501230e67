// Original file: proto/runnel/v1/admin.proto


export interface RemoveVoterRequest {
  'voterId'?: (number);
}

export interface RemoveVoterRequest__Output {
  'voterId': (number);
}
