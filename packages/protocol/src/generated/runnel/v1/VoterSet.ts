// Original file: proto/runnel/v1/quorum.proto


export interface VoterSet {
  'voters'?: (number)[];
}

export interface VoterSet__Output {
  'voters': (number)[];
}
