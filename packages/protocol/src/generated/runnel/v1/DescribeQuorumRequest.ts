// Original file: proto/runnel/v1/admin.proto


export interface DescribeQuorumRequest {
}

export interface DescribeQuorumRequest__Output {
}
