// Original file: proto/runnel/v1/quorum.proto


export interface VoteResponse {
  'preVote'?: (boolean);
  'granted'?: (boolean);
}

export interface VoteResponse__Output {
  'preVote': (boolean);
  'granted': (boolean);
}
