// `npm start` until the cluster runtime exists: build, then say what can be run today.
console.log(`Runnel is built. The local three-node cluster (runnel dev) is not available yet.

What runs today:
  npm test        the test suite (codec, gRPC contracts, storage, Raft simulator, controller)
  npm run bench   micro-benchmarks of the codec and the partition log
`);
