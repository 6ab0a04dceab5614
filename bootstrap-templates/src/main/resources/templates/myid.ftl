[=zookeeper.myid]
